using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;

namespace Partition.Tests.Checker;

/// <summary>
/// Peered chain nodes under mining and signed transfers through both gateways. Transfers come from one funded
/// wallet with consecutive nonces; an operation of unknown outcome is resubmitted (a signed transaction is its own
/// id) before the next nonce is used. <see cref="CheckAsync"/> converges the nodes and holds the chain against the history.
/// </summary>
public sealed class ChainWorkload
{
    public const string Transfer = "transfer";
    public const string Mine = "mine";
    public const string DoubleSpend = "double-spend";

    private readonly Client _owner;
    private readonly History _history;
    private readonly string[] _nodes;
    private string _payerKey = "";
    private string _spenderKey = "";
    private string _spenderAddress = "";
    private string _payee = "";
    private long _nonce;

    private ChainWorkload(Client owner, History history, string[] nodes)
    {
        _owner = owner;
        _history = history;
        _nodes = nodes;
    }

    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>The hashes of the converged chain, once <see cref="CheckAsync"/> has run.</summary>
    public HashSet<string> ConvergedChain { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates and peers the nodes, funds a payer and a second spender with mined coins, and waits for one tip.</summary>
    public static async Task<ChainWorkload> SetUpAsync(Client owner, History history, IReadOnlyList<string> nodes, bool create = true, bool continuousMining = false)
    {
        var workload = new ChainWorkload(owner, history, [.. nodes]);
        var payer = await owner.PostJsonAsync(0, "/api/wallets", new { }, HttpStatusCode.Created);
        var spender = await owner.PostJsonAsync(0, "/api/wallets", new { }, HttpStatusCode.Created);
        var payee = await owner.PostJsonAsync(0, "/api/wallets", new { }, HttpStatusCode.Created);
        workload._payerKey = payer.GetProperty("private_key").GetString()!;
        workload._spenderKey = spender.GetProperty("private_key").GetString()!;
        workload._spenderAddress = spender.GetProperty("address").GetString()!;
        workload._payee = payee.GetProperty("address").GetString()!;
        foreach (var node in nodes.Where(_ => create))
            await Client.ExpectAsync(HttpStatusCode.Created, () => owner.Gateway(0).PutAsJsonAsync($"/api/nodes/{node}", new { }));
        foreach (var node in nodes)
            await owner.PostJsonAsync(0, $"/api/nodes/{node}/peers", new { peers = nodes.Where(n => n != node).ToArray() });
        for (var i = 0; i < 3; i++)
        {
            await owner.PostJsonAsync(0, $"/api/nodes/{nodes[0]}/mine", new { miner_address = payer.GetProperty("address").GetString() });
            await owner.PostJsonAsync(0, $"/api/nodes/{nodes[0]}/mine", new { miner_address = spender.GetProperty("address").GetString() });
        }

        await workload.ConvergeAsync();
        // Continuous mining runs inside each node's activation: on both sides of a split, whoever can reach it or not.
        foreach (var node in nodes.Where(_ => continuousMining))
            await Client.ExpectAsync(HttpStatusCode.OK, () => owner.Gateway(0).PutAsJsonAsync($"/api/nodes/{node}/mining", new { enabled = true }));
        return workload;
    }

    /// <summary>Mining on every node in turn and transfers to every node in turn, through both gateways, until <paramref name="stop"/>.</summary>
    public Task RunAsync(int maxBlocks, int maxTransfers, CancellationToken stop) => Task.WhenAll(
        Task.Run(async () =>
        {
            for (var i = 0; i < maxBlocks && !stop.IsCancellationRequested; i++)
            {
                var node = _nodes[i % _nodes.Length];
                await _owner.RunAsync(Mine, $"{node}#{i}", i % 2, http => http.PostAsJsonAsync($"/api/nodes/{node}/mine", new { }), HttpStatusCode.OK, HttpStatusCode.Conflict);
                await Task.Delay(TimeSpan.FromMilliseconds(400), CancellationToken.None);
            }
        }),
        Task.Run(async () =>
        {
            JsonElement? pending = null;
            for (var i = 0; i < maxTransfers && !stop.IsCancellationRequested; i++)
            {
                pending ??= await SignAsync(_payerKey, _payee, _nonce);
                var transaction = pending.Value;
                var node = _nodes[i % _nodes.Length];
                var result = await _owner.RunAsync(Transfer, transaction.GetProperty("id").GetString()!, i % 2,
                    http => http.PostAsJsonAsync($"/api/nodes/{node}/transactions", transaction.GetProperty("transaction")), HttpStatusCode.Created, HttpStatusCode.OK);
                if (result.Outcome == Outcome.Refused)
                    return;
                if (result.Outcome == Outcome.Acknowledged)
                {
                    _nonce++;
                    pending = null;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(150), CancellationToken.None);
            }
        }));

    /// <summary>
    /// The second spender signs two transfers of the same coins (one nonce, two recipients) and sends one to each
    /// node: while the nodes cannot hear each other, both may be acknowledged; after they converge at most one may hold.
    /// </summary>
    public async Task DoubleSpendAsync(string nodeA, int gatewayA, string nodeB, int gatewayB)
    {
        var other = await _owner.PostJsonAsync(0, "/api/wallets", new { }, HttpStatusCode.Created);
        var account = await Client.ExpectAsync(HttpStatusCode.OK, () => _owner.Gateway(gatewayA).GetAsync($"/api/nodes/{nodeA}/accounts/{_spenderAddress}"));
        var amount = account.GetProperty("spendable_balance").GetInt64() - 10;
        var nonce = account.GetProperty("next_nonce").GetInt64();
        var first = await SignAsync(_spenderKey, _payee, nonce, amount);
        var second = await SignAsync(_spenderKey, other.GetProperty("address").GetString()!, nonce, amount);
        await Task.WhenAll(
            _owner.RunAsync(DoubleSpend, first.GetProperty("id").GetString()!, gatewayA,
                http => http.PostAsJsonAsync($"/api/nodes/{nodeA}/transactions", first.GetProperty("transaction")), HttpStatusCode.Created, HttpStatusCode.OK),
            _owner.RunAsync(DoubleSpend, second.GetProperty("id").GetString()!, gatewayB,
                http => http.PostAsJsonAsync($"/api/nodes/{nodeB}/transactions", second.GetProperty("transaction")), HttpStatusCode.Created, HttpStatusCode.OK));
    }

    private async Task<JsonElement> SignAsync(string privateKey, string to, long nonce, long amount = 1000)
    {
        return await _owner.PostJsonAsync(0, "/api/wallets/sign", new { private_key = privateKey, to, amount, fee = 10, nonce });
    }

    /// <summary>
    /// Turns continuous mining off and waits until no node is mining, so the chain and the balances the check reads
    /// describe the same blocks (a block mined between the two reads would count a reward the chain read lacks).
    /// </summary>
    public async Task StopMiningAsync()
    {
        foreach (var node in _nodes)
            await Client.ExpectAsync(HttpStatusCode.OK, () => _owner.Gateway(0).PutAsJsonAsync($"/api/nodes/{node}/mining", new { enabled = false }));
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var mining = false;
            foreach (var node in _nodes)
                mining |= (await Client.ExpectAsync(HttpStatusCode.OK, () => _owner.Gateway(0).GetAsync($"/api/nodes/{node}"))).GetProperty("mining_now").GetBoolean();
            if (!mining)
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException("the nodes kept mining after continuous mining was turned off");
    }

    /// <summary>Each node's height and tip as seen through gateway <c>i</c> for node <c>i</c> (each side's own gateway during a split).</summary>
    public async Task<string> TipsBySideAsync()
    {
        var parts = new List<string>();
        for (var i = 0; i < _nodes.Length; i++)
        {
            try
            {
                using var response = await _owner.Gateway(i % 2).GetAsync($"/api/nodes/{_nodes[i]}");
                if (!response.IsSuccessStatusCode)
                {
                    parts.Add($"{_nodes[i]}: {(int)response.StatusCode}");
                    continue;
                }

                var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                parts.Add($"{_nodes[i]} at height {summary.GetProperty("height").GetInt64()}, tip {summary.GetProperty("tip_hash").GetString()![..12]}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                parts.Add($"{_nodes[i]}: {ex.GetType().Name}");
            }
        }

        return string.Join("; ", parts);
    }

    /// <summary>
    /// Resolves every node until they share one tip (mining one more block on the first node to break a tie of equal
    /// work, as a live network would). Returns the common tip's summary.
    /// </summary>
    public async Task<JsonElement> ConvergeAsync()
    {
        for (var round = 0; ; round++)
        {
            foreach (var node in _nodes)
                await _owner.PostJsonAsync(0, $"/api/nodes/{node}/resolve", new { });
            var summaries = new List<JsonElement>();
            foreach (var node in _nodes)
                summaries.Add(await Client.ExpectAsync(HttpStatusCode.OK, () => _owner.Gateway(0).GetAsync($"/api/nodes/{node}")));
            if (summaries.Select(s => s.GetProperty("tip_hash").GetString()).Distinct().Count() == 1)
                return summaries[0];
            if (round == 20)
                throw new InvalidOperationException("the nodes did not converge: " + string.Join(", ", summaries.Select(s => s.GetProperty("tip_hash").GetString())));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            if (round % 2 == 1)
                await _owner.PostJsonAsync(0, $"/api/nodes/{_nodes[0]}/mine", new { });
        }
    }

    /// <summary>The work of each node's tip right now (hex), for checking that the heaviest branch won.</summary>
    public async Task<BigInteger> HeaviestTipWorkAsync(int gateway)
    {
        var heaviest = BigInteger.Zero;
        foreach (var node in _nodes)
        {
            var summary = await Client.ExpectAsync(HttpStatusCode.OK, () => _owner.Gateway(gateway).GetAsync($"/api/nodes/{node}"));
            heaviest = BigInteger.Max(heaviest, Work(summary));
        }

        return heaviest;
    }

    private static BigInteger Work(JsonElement summary) =>
        BigInteger.Parse("0" + summary.GetProperty("cumulative_work").GetString()!.Replace("0x", "", StringComparison.Ordinal), System.Globalization.NumberStyles.HexNumber);

    /// <summary>
    /// After the nodes converge: the common chain has at least the work of the heaviest tip seen before
    /// (<paramref name="heaviestBefore"/>); no sender's nonce is used twice on it (no coin spent twice); every
    /// acknowledged transfer is confirmed on it or back in the mempool; at most one of a double spend holds; and the
    /// balances of every address on it sum to the coins minted (block rewards).
    /// </summary>
    public async Task<List<string>> CheckAsync(BigInteger heaviestBefore)
    {
        var problems = new List<string>();
        var tip = await ConvergeAsync();
        if (Work(tip) < heaviestBefore)
            problems.Add($"the nodes converged on work {Work(tip)}, less than the heaviest tip seen before ({heaviestBefore})");

        var node = _nodes[0];
        var blocks = new List<JsonElement>();
        for (long from = 0; ; from += 500)
        {
            var page = await Client.ExpectAsync(HttpStatusCode.OK, () => _owner.Gateway(0).GetAsync($"/api/nodes/{node}/chain?from={from}&limit=500"));
            var batch = page.GetProperty("blocks").EnumerateArray().Select(b => b.Clone()).ToList();
            blocks.AddRange(batch);
            if (batch.Count < 500)
                break;
        }

        ConvergedChain.UnionWith(blocks.Select(b => b.GetProperty("hash").GetString()!));
        var spent = new HashSet<(string, long)>();
        var confirmed = new HashSet<string>();
        long coinbase = 0, fees = 0;
        var addresses = new HashSet<string>();
        foreach (var transaction in blocks.SelectMany(b => b.GetProperty("transactions").EnumerateArray()))
        {
            var data = transaction.GetProperty("data");
            addresses.Add(data.GetProperty("to").GetString()!);
            confirmed.Add(transaction.GetProperty("id").GetString()!);
            if (transaction.GetProperty("is_coinbase").GetBoolean())
            {
                coinbase += data.GetProperty("amount").GetInt64();
                continue;
            }

            var from = data.GetProperty("from").GetString()!;
            addresses.Add(from);
            fees += data.GetProperty("fee").GetInt64();
            if (!spent.Add((from, data.GetProperty("nonce").GetInt64())))
                problems.Add($"{from} spent nonce {data.GetProperty("nonce").GetInt64()} twice on the converged chain");
        }

        foreach (var operation in _history.OfKind(Transfer).Where(o => o.Outcome == Outcome.Acknowledged))
        {
            if (confirmed.Contains(operation.Key))
                continue;
            var status = await Client.ExpectAsync(HttpStatusCode.OK, () => _owner.Gateway(0).GetAsync($"/api/nodes/{node}/transactions/{operation.Key}"));
            if (status.GetProperty("status").GetString() != "pending")
                problems.Add($"acknowledged transfer {operation.Key} is {status.GetProperty("status").GetString()} after the nodes converged");
        }

        var doubleSpends = _history.OfKind(DoubleSpend).ToList();
        if (doubleSpends.Count(o => confirmed.Contains(o.Key)) > 1)
            problems.Add("both transfers of a double spend are confirmed");

        long balances = 0;
        foreach (var address in addresses)
        {
            var account = await Client.ExpectAsync(HttpStatusCode.OK, () => _owner.Gateway(0).GetAsync($"/api/nodes/{node}/accounts/{address}"));
            balances += account.GetProperty("confirmed_balance").GetInt64();
        }

        var minted = coinbase - fees;
        if (balances != minted)
            problems.Add($"balances on the converged chain sum to {balances}, but {minted} coins were minted ({blocks.Count} blocks)");
        return problems;
    }
}
