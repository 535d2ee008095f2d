using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Partition.Tests.Checker;

/// <summary>
/// A red packet in one of the chat groups and members who claim it through both gateways while the network is cut.
/// <see cref="CheckAsync"/> holds the packet's book against what each member was told.
/// </summary>
public sealed class RedPacketWorkload
{
    public const string Kind = "claim";
    private const long Coin = 100_000_000;
    public const long FaucetAmount = 5 * Coin;
    private const long Total = 2 * Coin;

    private readonly Client _owner;
    private readonly History _history;
    private readonly string _group;
    private readonly Client[] _members;
    private readonly int _shares;
    private string _packet = "";

    private RedPacketWorkload(Client owner, History history, string group, Client[] members, int shares)
    {
        _owner = owner;
        _history = history;
        _group = group;
        _members = members;
        _shares = shares;
    }

    /// <summary>Funds the owner from the faucet, signs members up into <paramref name="group"/> and opens a packet with fewer shares than members.</summary>
    public static async Task<RedPacketWorkload> SetUpAsync(Client owner, History history, string group, IReadOnlyList<Uri> gateways, int members = 10, int shares = 6)
    {
        await Client.ExpectAsync(HttpStatusCode.Created, () => owner.Gateway(0).PostAsync("/api/me/wallet/faucet", null));
        await UntilAsync(async () => (await Client.ExpectAsync(HttpStatusCode.OK, () => owner.Gateway(0).GetAsync("/api/me/wallet"))).GetProperty("confirmed_balance").GetInt64() >= FaucetAmount,
            "the faucet payment to confirm");
        var clients = new Client[members];
        for (var i = 0; i < members; i++)
        {
            clients[i] = await Client.SignUpAsync(gateways, history);
            await Client.ExpectAsync(HttpStatusCode.Created, () => clients[i].Gateway(0).PostAsync($"/api/groups/{group}/members", null));
        }

        var workload = new RedPacketWorkload(owner, history, group, clients, shares);
        var created = await Client.ExpectAsync(HttpStatusCode.Created, () => owner.Gateway(0).PostAsJsonAsync($"/api/groups/{group}/red-packets",
            new { total = Total, count = shares, mode = "random", greeting = "through the partition", client_id = "partition" }));
        workload._packet = created.GetProperty("packet_id").GetString()!;
        await UntilAsync(async () => (await workload.BookAsync()).GetProperty("status").GetString() == "open", "the packet to open");
        return workload;
    }

    /// <summary>Every member claims once (retrying across gateways as a careful client does), half of them first on each gateway.</summary>
    public Task RunAsync() => Task.WhenAll(_members.Select((member, i) =>
        member.RunAsync(Kind, member.UserId, i % 2, http => http.PostAsync($"/api/groups/{_group}/red-packets/{_packet}/claims", null), HttpStatusCode.Created)));

    /// <summary>
    /// Once every payout is confirmed: the book holds at most the packet's shares, each index once, each member at most
    /// once, summing to at most the total (exactly the total when every share went); a member told 201 holds that
    /// amount; one told <c>already_claimed</c> is in the book; one told <c>packet_exhausted</c> is not.
    /// </summary>
    public async Task<List<string>> CheckAsync()
    {
        var problems = new List<string>();
        JsonElement book = default;
        await UntilAsync(async () =>
        {
            book = await BookAsync();
            return book.GetProperty("claims").EnumerateArray().All(c => c.GetProperty("confirmations").GetInt64() >= 1);
        }, "every payout to confirm");

        var claims = book.GetProperty("claims").EnumerateArray().ToList();
        var byUser = claims.GroupBy(c => c.GetProperty("user_id").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        if (claims.Count > _shares)
            problems.Add($"red packet {_packet}: {claims.Count} claims for {_shares} shares");
        if (claims.Select(c => c.GetProperty("index").GetInt32()).Distinct().Count() != claims.Count)
            problems.Add($"red packet {_packet}: a share index was paid twice");
        foreach (var (user, held) in byUser.Where(u => u.Value.Count > 1))
            problems.Add($"red packet {_packet}: {user} holds {held.Count} shares");
        var paid = claims.Sum(c => c.GetProperty("amount").GetInt64());
        if (paid > Total || (claims.Count == _shares && paid != Total))
            problems.Add($"red packet {_packet}: {claims.Count} shares pay {paid} of {Total}");

        foreach (var operation in _history.OfKind(Kind))
        {
            var held = byUser.GetValueOrDefault(operation.Key);
            var code = operation.Answer is { ValueKind: JsonValueKind.Object } answer && answer.TryGetProperty("code", out var c) ? c.GetString() : null;
            switch (operation.Outcome)
            {
                case Outcome.Acknowledged when held is null || held[0].GetProperty("amount").GetInt64() != operation.Answer!.Value.GetProperty("amount").GetInt64():
                    problems.Add($"{operation.Key} was paid {operation.Answer!.Value.GetProperty("amount").GetInt64()} but the book says {(held is null ? "nothing" : held[0].GetProperty("amount").GetInt64())}");
                    break;
                case Outcome.Refused when code == "already_claimed" && held is null:
                    problems.Add($"{operation.Key} was told it had claimed, but the book has no claim of it");
                    break;
                case Outcome.Refused when code != "already_claimed" && held is not null:
                    problems.Add($"{operation.Key} was refused ({operation.Detail}) but holds a share");
                    break;
            }
        }

        return problems;
    }

    private Task<JsonElement> BookAsync() => Client.ExpectAsync(HttpStatusCode.OK, () => _owner.Gateway(0).GetAsync($"/api/groups/{_group}/red-packets/{_packet}"));

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (InvalidOperationException)
            {
                // A 503 while the cluster settles: asked again below.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw new TimeoutException($"waited 120 s for {what}");
    }

    public void DisposeMembers()
    {
        foreach (var member in _members)
            member.Dispose();
    }
}
