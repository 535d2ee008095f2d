using Xunit;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TestSupport.Cluster;

/// <summary>
/// Two peered chain nodes under steady mining and signed transfers, through the load balancer.
/// Records every block a mine request returned and every transaction a node acknowledged.
/// </summary>
public sealed class ChainLoad(HttpClient http, string runId)
{
    private readonly string[] _nodes = [runId + "-a", runId + "-b"];
    private string _privateKey = "";
    private string _recipient = "";
    private long _nonce;

    public IReadOnlyList<string> Nodes => _nodes;
    public ConcurrentBag<(string Node, string Hash)> MinedBlocks { get; } = [];
    public ConcurrentBag<string> AcceptedTransactions { get; } = [];
    public ConcurrentQueue<string> Unexpected { get; } = new();
    public ConcurrentQueue<DateTime> FailedAttempts { get; } = new();

    /// <summary>Peers the nodes, funds a wallet with mined (mature) coinbase payments.</summary>
    public async Task SetUpAsync()
    {
        var payer = await ClusterHttp.Expect(HttpStatusCode.Created, await http.PostAsync("/api/wallets", null));
        var payee = await ClusterHttp.Expect(HttpStatusCode.Created, await http.PostAsync("/api/wallets", null));
        _privateKey = payer.GetProperty("private_key").GetString()!;
        _recipient = payee.GetProperty("address").GetString()!;
        await ClusterHttp.Expect(HttpStatusCode.OK, await http.PostAsJsonAsync($"/api/nodes/{_nodes[0]}/mine", new { miner_address = payer.GetProperty("address").GetString() }));
        await ClusterHttp.Expect(HttpStatusCode.OK, await http.PostAsJsonAsync($"/api/nodes/{_nodes[1]}/mine", new { }));
        await ClusterHttp.Expect(HttpStatusCode.OK, await http.PostAsJsonAsync($"/api/nodes/{_nodes[0]}/peers", new { peers = new[] { _nodes[1] } }));
        await ClusterHttp.Expect(HttpStatusCode.OK, await http.PostAsJsonAsync($"/api/nodes/{_nodes[1]}/peers", new { peers = new[] { _nodes[0] } }));
        for (var i = 0; i < 3; i++)
            await ClusterHttp.Expect(HttpStatusCode.OK, await http.PostAsJsonAsync($"/api/nodes/{_nodes[0]}/mine", new { }));
    }

    public Task RunAsync(int maxBlocks, int maxTransactions, CancellationToken stop) =>
        Task.WhenAll(MineAsync(maxBlocks, stop), TransferAsync(maxTransactions, stop));

    private async Task MineAsync(int maxBlocks, CancellationToken stop)
    {
        for (var i = 0; i < maxBlocks && !stop.IsCancellationRequested; i++)
        {
            var node = _nodes[i % 2];
            var block = await RetryAsync(() => http.PostAsJsonAsync($"/api/nodes/{node}/mine", new { }), [HttpStatusCode.OK, HttpStatusCode.Conflict]);
            // A 409 (the block lost a race, or mining was stopped) carries no block.
            if (block is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("hash", out var hash))
                MinedBlocks.Add((node, hash.GetString()!));
            await Task.Delay(300, CancellationToken.None);
        }
    }

    private async Task TransferAsync(int maxTransactions, CancellationToken stop)
    {
        for (var i = 0; i < maxTransactions && !stop.IsCancellationRequested; i++)
        {
            var signed = await RetryAsync(() => http.PostAsJsonAsync("/api/wallets/sign", new { private_key = _privateKey, to = _recipient, amount = 1000, fee = 10, nonce = _nonce }), [HttpStatusCode.OK]);
            if (signed is null)
                return;
            var transaction = signed.Value.GetProperty("transaction");
            // The same signed transaction is resubmitted until a node acknowledges it: resubmission is idempotent.
            var submitted = await RetryAsync(() => http.PostAsJsonAsync($"/api/nodes/{_nodes[0]}/transactions", transaction), [HttpStatusCode.Created, HttpStatusCode.OK]);
            if (submitted is null)
                return;
            AcceptedTransactions.Add(signed.Value.GetProperty("id").GetString()!);
            _nonce++;
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private async Task<JsonElement?> RetryAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode[] success)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                using var response = await send();
                var body = await response.Content.ReadAsStringAsync();
                if (success.Contains(response.StatusCode))
                    return response.StatusCode == HttpStatusCode.Conflict || body.Length == 0 ? default(JsonElement) : JsonDocument.Parse(body).RootElement.Clone();
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout))
                {
                    Unexpected.Enqueue($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
                    return null;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
            }

            FailedAttempts.Enqueue(DateTime.UtcNow);
            await Task.Delay(500);
        }

        Unexpected.Enqueue("gave up after 120 attempts");
        return null;
    }

    private async Task<List<string>> ResolvedTipsAsync()
    {
        foreach (var node in _nodes)
            await ClusterHttp.Expect(HttpStatusCode.OK, await http.PostAsync($"/api/nodes/{node}/resolve", null));
        var tips = new List<string>();
        foreach (var node in _nodes)
            tips.Add((await ClusterHttp.Expect(HttpStatusCode.OK, await http.GetAsync($"/api/nodes/{node}"))).GetProperty("tip_hash").GetString()!);
        return tips;
    }

    /// <summary>No acknowledged block or transaction is gone, and after a resolve both nodes share one tip.</summary>
    public async Task VerifyAsync()
    {
        Assert.Empty(Unexpected);
        Assert.NotEmpty(MinedBlocks);
        foreach (var (node, hash) in MinedBlocks)
            await ClusterHttp.Expect(HttpStatusCode.OK, await http.GetAsync($"/api/nodes/{node}/blocks/{hash}"));

        // Two nodes that mined at the same height at the end of the load hold equal-work forks, and each
        // keeps the tip it saw first (most work, ties to the first seen). One more block on one side
        // breaks the tie, as it would on a live network; a few rounds allow for gossip still in flight.
        var tips = await ResolvedTipsAsync();
        for (var round = 0; round < 10 && tips.Distinct().Count() > 1; round++)
        {
            await Task.Delay(500);
            await RetryAsync(() => http.PostAsJsonAsync($"/api/nodes/{_nodes[0]}/mine", new { }), [HttpStatusCode.OK, HttpStatusCode.Conflict]);
            tips = await ResolvedTipsAsync();
        }

        Assert.Single(tips.Distinct());

        foreach (var id in AcceptedTransactions)
        {
            var status = await ClusterHttp.Expect(HttpStatusCode.OK, await http.GetAsync($"/api/nodes/{_nodes[0]}/transactions/{id}"));
            Assert.Contains(status.GetProperty("status").GetString(), new[] { "pending", "confirmed" });
        }
    }
}
