using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Tests.Infrastructure;
using TestSupport;
using TestSupport.Cluster;
using Xunit.Abstractions;

namespace Cluster.Tests.Payments;

/// <summary>
/// Payments on a production-shaped cluster (3 silos, 2 gateways, PostgreSQL, nginx): the silo holding a paid group is
/// SIGKILLed while sixty members pay to join, then the silo holding a red packet while they claim it. Membership and
/// payment must agree, every share must be paid exactly once, and every coin ever mined must be in some wallet.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PaymentsFailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const long Coin = 100_000_000;
    private const long FaucetAmount = 5 * Coin;
    private const long Price = Coin / 2;
    private const int MemberCount = 60;
    private const int Shares = 40;
    private const long PacketTotal = 4 * Coin;
    private const string OperatorPassword = "payments-failover-operator-password";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Chain__CoinbaseMaturity"] = "1",
        ["Chain__InitialBits"] = "1f00ffff",
        ["Chain__ContinuousMiningPauseMs"] = "200",
        ["Wallet__FaucetEnabled"] = "true",
        ["Wallet__FaucetAmount"] = FaucetAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Auth__PasswordHashIterations"] = "1000",
        ["Auth__AttemptsPerMinute"] = "100000",
        ["Operator__Password"] = OperatorPassword,
        // Each silo says which groups and packets it activates: the test kills the one that holds them.
        ["Logging__LogLevel__Grains.Chat.GroupGrain"] = "Debug",
        ["Logging__LogLevel__Grains.Payments.RedPackets.RedPacketGrain"] = "Debug",
    };

    [Fact]
    public async Task Killing_the_silo_of_a_paid_group_and_then_of_a_red_packet_loses_no_coin_and_pays_no_share_twice()
    {
        using var cluster = new FailoverCluster(postgres, "payments", settings: Settings);
        await cluster.StartAsync();
        try
        {
            await RunAsync(cluster);
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }

    private async Task RunAsync(FailoverCluster cluster)
    {
        using var owner = await ClusterHttp.SignUpAsync(cluster.Address);
        var members = await Task.WhenAll(Enumerable.Range(0, MemberCount).Select(_ => ClusterHttp.SignUpAsync(cluster.Address)));
        try
        {
            await Task.WhenAll(members.Append(owner).Select(FundAsync));
            var groupId = await owner.CreateGroupAsync("paid", shards: 4);
            await ClusterHttp.Expect(HttpStatusCode.OK, await owner.Http.PatchAsJsonAsync($"/api/groups/{groupId}", new { join_price = Price }));

            // 1. Half the members pay to join; the silo holding the group dies while their payments wait for
            // confirmations; then everyone asks to join at once (the first half a second time) while the group
            // comes back on another silo.
            var first = members[..(MemberCount / 2)];
            await Task.WhenAll(first.Select(m => UntilAnsweredAsync(() => m.Http.PostAsync($"/api/groups/{groupId}/members", null), HttpStatusCode.Created, HttpStatusCode.Accepted)));
            var groupSilo = KillHolderOf(cluster, $"Group {groupId} activated");
            await Task.WhenAll(members.Select(m => UntilAnsweredAsync(() => m.Http.PostAsync($"/api/groups/{groupId}/members", null), HttpStatusCode.Created, HttpStatusCode.Accepted, HttpStatusCode.OK)));
            output.WriteLine($"silo {groupSilo} (the group's) was killed after {first.Length} joins; all {MemberCount} asked again");
            await cluster.StartSilo(groupSilo).WaitUntilReadyAsync(TimeSpan.FromSeconds(120));

            var treasury = await CheckMembershipMatchesPaymentsAsync(owner, groupId, members);

            // 2. A red packet of 40 shares; sixty members claim at once; the silo holding the packet dies meanwhile.
            var created = await ClusterHttp.Expect(HttpStatusCode.Created, await owner.Http.PostAsJsonAsync($"/api/groups/{groupId}/red-packets",
                new { total = PacketTotal, count = Shares, mode = "random", greeting = "survive this", client_id = "failover" }));
            var packetId = created.GetProperty("packet_id").GetString()!;
            var escrow = created.GetProperty("escrow_address").GetString()!;
            await UntilAsync(async () => (await BookAsync(owner, groupId, packetId)).GetProperty("status").GetString() == "open", "the packet to open");

            // Half the members claim; the packet's silo dies; then everyone claims at once (the first half again).
            var early = await Task.WhenAll(first.Select(m => ClaimAsync(m, groupId, packetId)));
            var packetSilo = KillHolderOf(cluster, $"Red packet {packetId} activated");
            var outcomes = early.Concat(await Task.WhenAll(members.Select(m => ClaimAsync(m, groupId, packetId)))).ToArray();
            output.WriteLine($"silo {packetSilo} (the packet's) was killed after {first.Length} claims; all {MemberCount} claimed again");
            await cluster.StartSilo(packetSilo).WaitUntilReadyAsync(TimeSpan.FromSeconds(120));

            var book = await CheckClaimsAsync(owner, groupId, packetId, outcomes);
            foreach (var member in members)
            {
                var share = book.GetValueOrDefault(member.UserId);
                Assert.Equal(FaucetAmount - Price + share, await WalletBalanceAsync(member));
            }

            Assert.Equal(0, await BalanceAsync(owner.Http, escrow));

            // 3. The books: with mining stopped, the wallets hold exactly what the chain ever minted.
            await CheckBooksAsync(cluster, owner, members, [escrow, treasury]);
        }
        finally
        {
            foreach (var member in members)
                member.Dispose();
        }
    }

    /// <summary>Every member paid once and is in; any second payment came back; the treasury holds one price per member.</summary>
    private async Task<string> CheckMembershipMatchesPaymentsAsync(ClusterHttp owner, string groupId, ClusterHttp[] members)
    {
        JsonElement[] payments = [];
        await UntilAsync(async () =>
        {
            payments = [.. (await Retried(() => owner.Http.GetAsync($"/api/groups/{groupId}/payments"))).EnumerateArray()];
            return payments.Length >= MemberCount && payments.All(p => p.GetProperty("status").GetString() is "admitted" or "refunded");
        }, "every join payment to settle");

        var listed = await MembersAsync(owner, groupId);
        foreach (var member in members)
        {
            var mine = payments.Where(p => p.GetProperty("user_id").GetString() == member.UserId).ToList();
            Assert.Single(mine, p => p.GetProperty("status").GetString() == "admitted");
            Assert.Contains(member.UserId, listed);
        }

        Assert.Equal(MemberCount + 1, listed.Count);
        var treasury = (await Retried(() => owner.Http.GetAsync($"/api/nodes/main/transactions/{payments[0].GetProperty("transaction_id").GetString()}")))
            .GetProperty("data").GetProperty("to").GetString()!;
        await UntilAsync(async () => await BalanceAsync(owner.Http, treasury) == MemberCount * Price, "the treasury to hold one price per member");
        output.WriteLine($"{payments.Length} join payments, {payments.Count(p => p.GetProperty("status").GetString() == "refunded")} refunded");
        return treasury;
    }

    /// <summary>Exactly the shares, each to one member once, matching what the members were told; every payout confirmed.</summary>
    private async Task<Dictionary<string, long>> CheckClaimsAsync(ClusterHttp owner, string groupId, string packetId,
        (ClusterHttp Member, HttpStatusCode Status, JsonElement Body)[] outcomes)
    {
        JsonElement book = default;
        await UntilAsync(async () =>
        {
            book = await BookAsync(owner, groupId, packetId);
            var claims = book.GetProperty("claims").EnumerateArray().ToList();
            return claims.Count == Shares && claims.All(c => c.GetProperty("confirmations").GetInt64() >= 1);
        }, "every payout to confirm");

        var shares = book.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("user_id").GetString()!, c => c.GetProperty("amount").GetInt64());
        Assert.Equal(PacketTotal, shares.Values.Sum());
        Assert.Equal(Enumerable.Range(0, Shares), book.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("index").GetInt32()).Order());
        Assert.Equal(Shares, book.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("transaction_id").GetString()).Distinct().Count());
        foreach (var (member, status, body) in outcomes)
        {
            var code = status == HttpStatusCode.Conflict ? body.GetProperty("code").GetString() : null;
            if (status == HttpStatusCode.Created)
                Assert.Equal(body.GetProperty("amount").GetInt64(), shares[member.UserId]);
            else if (code == "already_claimed")
                Assert.True(shares.ContainsKey(member.UserId), $"{member.UserId} was told it had claimed, but the book has no claim");
            else
                Assert.True(code == "packet_exhausted" && !shares.ContainsKey(member.UserId), $"{member.UserId}: {status} {code}");
        }

        output.WriteLine($"{outcomes.Count(o => o.Status == HttpStatusCode.Created)} claims answered 201, {outcomes.Count(o => o.Body.ValueKind == JsonValueKind.Object && o.Body.TryGetProperty("code", out var c) && c.GetString() == "already_claimed")} already_claimed after a retry");
        return shares;
    }

    private async Task CheckBooksAsync(FailoverCluster cluster, ClusterHttp owner, ClusterHttp[] members, string[] others)
    {
        using var operatorHttp = new HttpClient { BaseAddress = cluster.Address, Timeout = TimeSpan.FromSeconds(30) };
        var token = await Retried(() => operatorHttp.PostAsJsonAsync("/api/auth/token", new { username = "operator", password = OperatorPassword }));
        operatorHttp.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        await ClusterHttp.Expect(HttpStatusCode.OK, await operatorHttp.PutAsJsonAsync("/api/nodes/main/mining", new { enabled = false }));
        JsonElement node = default;
        await UntilAsync(async () =>
        {
            node = await Retried(() => operatorHttp.GetAsync("/api/nodes/main"));
            if (node.GetProperty("mining_now").GetBoolean())
                return false;
            if (node.GetProperty("pending_transactions").GetInt32() == 0)
                return true;
            await operatorHttp.PostAsJsonAsync("/api/nodes/main/mine", new { });
            return false;
        }, "mining to stop with an empty mempool");

        var reward = (await Retried(() => owner.Http.GetAsync("/api/chain/info"))).GetProperty("block_reward").GetInt64();
        var minted = node.GetProperty("height").GetInt64() * reward;
        var addresses = new HashSet<string>(StringComparer.Ordinal) { node.GetProperty("wallet_address").GetString()!, node.GetProperty("reward_address").GetString()! };
        foreach (var user in members.Append(owner))
            addresses.Add((await Retried(() => user.Http.GetAsync("/api/me/wallet"))).GetProperty("address").GetString()!);
        addresses.UnionWith(others);

        long held = 0;
        foreach (var address in addresses)
            held += await BalanceAsync(owner.Http, address);
        output.WriteLine($"height {node.GetProperty("height").GetInt64()}: {minted} units minted, {held} held by {addresses.Count} addresses");
        Assert.Equal(minted, held);
    }

    private static async Task<(ClusterHttp Member, HttpStatusCode Status, JsonElement Body)> ClaimAsync(ClusterHttp member, string groupId, string packetId)
    {
        var (status, body) = await UntilAnsweredBodyAsync(() => member.Http.PostAsync($"/api/groups/{groupId}/red-packets/{packetId}/claims", null), HttpStatusCode.Created, HttpStatusCode.Conflict);
        return (member, status, body);
    }

    private static async Task FundAsync(ClusterHttp user)
    {
        await UntilAsync(async () =>
        {
            using var response = await user.Http.PostAsync("/api/me/wallet/faucet", null);
            if (response.StatusCode is HttpStatusCode.Created)
                return true;
            Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests, $"faucet: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return false;
        }, "the faucet");
        await UntilAsync(async () => await WalletBalanceAsync(user) >= FaucetAmount, "the faucet payment to confirm");
    }

    private static async Task<long> WalletBalanceAsync(ClusterHttp user) =>
        (await Retried(() => user.Http.GetAsync("/api/me/wallet"))).GetProperty("confirmed_balance").GetInt64();

    private static async Task<long> BalanceAsync(HttpClient http, string address) =>
        (await Retried(() => http.GetAsync($"/api/nodes/main/accounts/{address}"))).GetProperty("confirmed_balance").GetInt64();

    private static Task<JsonElement> BookAsync(ClusterHttp user, string groupId, string packetId) =>
        Retried(() => user.Http.GetAsync($"/api/groups/{groupId}/red-packets/{packetId}"));

    private static async Task<HashSet<string>> MembersAsync(ClusterHttp owner, string groupId)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await Retried(() => owner.Http.GetAsync($"/api/groups/{groupId}/members?limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")));
            foreach (var member in page.GetProperty("items").EnumerateArray())
                all.Add(member.GetProperty("user_id").GetString()!);
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>SIGKILLs the live silo that logged <paramref name="activation"/>; returns its index.</summary>
    private static int KillHolderOf(FailoverCluster cluster, string activation)
    {
        var index = Array.FindLastIndex(cluster.Silos, s => s is { HasExited: false } && s.Output.Contains(activation, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no live silo logged \"{activation}\"");
        cluster.Silos[index]!.Kill();
        return index;
    }

    /// <summary>A GET answered 200, asked again through failures (a dying silo makes some requests fail for a while).</summary>
    private static async Task<JsonElement> Retried(Func<Task<HttpResponseMessage>> send)
    {
        var (_, body) = await UntilAnsweredBodyAsync(send, HttpStatusCode.OK);
        return body;
    }

    private static async Task<HttpStatusCode> UntilAnsweredAsync(Func<Task<HttpResponseMessage>> send, params HttpStatusCode[] answers) =>
        (await UntilAnsweredBodyAsync(send, answers)).Status;

    /// <summary>Sends until one of <paramref name="answers"/> comes back; 5xx, timeouts and refused connections are retried.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> UntilAnsweredBodyAsync(Func<Task<HttpResponseMessage>> send, params HttpStatusCode[] answers)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                using var response = await send();
                var text = await response.Content.ReadAsStringAsync();
                if (answers.Contains(response.StatusCode))
                    return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
                Assert.True((int)response.StatusCode >= 500, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"no answer within {Patience}");
            await Task.Delay(300);
        }
    }

    private static Task UntilAsync(Func<Task<bool>> done, string what) => Waiting.UntilAsync(done, what, Patience, pollMs: 250);
}
