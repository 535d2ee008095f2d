using System.Net;
using System.Net.Http.Json;
using Cluster.Tests.Infrastructure;
using TestSupport;
using Xunit.Abstractions;

namespace Cluster.Tests.Failover;

/// <summary>
/// Real processes, real PostgreSQL, nginx in front: 3 silos and 2 gateways under steady chat posting,
/// transfers and mining, while processes die. Windows are measured and printed, never asserted on time.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> ChainSettings = new()
    {
        ["Chain__CoinbaseMaturity"] = "1",
        ["Chain__InitialBits"] = "1f00ffff",
    };

    [Fact]
    public async Task Killing_a_silo_under_load_loses_nothing_acknowledged_and_service_resumes()
    {
        using var cluster = new FailoverCluster(postgres, "killsilo", settings: ChainSettings);
        await cluster.StartAsync();
        using var user = await ClusterHttp.SignUpAsync(cluster.Address);
        var groups = new[] { await user.CreateGroupAsync("g1"), await user.CreateGroupAsync("g2"), await user.CreateGroupAsync("g3") };
        var chat = new ChatLoad(user, groups, "kill-" + Guid.NewGuid().ToString("N")[..6]);
        var chain = new ChainLoad(user.Http, "k" + Guid.NewGuid().ToString("N")[..6]);
        await chain.SetUpAsync();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var chatRun = chat.RunAsync(posters: 6, maxMessagesEach: 400, stop.Token);
        var chainRun = chain.RunAsync(maxBlocks: 60, maxTransactions: 200, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(6));

        var ackedBeforeKill = chat.Acks.Count;
        var killedAt = DateTime.UtcNow;
        cluster.Silos[0]!.Kill();
        // Keep the load going well past the death declaration, then stop it.
        await Task.Delay(TimeSpan.FromSeconds(25));
        await stop.CancelAsync();
        await Task.WhenAll(chatRun, chainRun);

        output.WriteLine($"acknowledged {chat.Acks.Count} messages ({ackedBeforeKill} before the kill), {chain.MinedBlocks.Count} blocks, {chain.AcceptedTransactions.Count} transfers");
        output.WriteLine($"chat requests failed for {chat.FailureWindow(killedAt).TotalSeconds:F1} s after the kill ({chat.FailedAttempts.Count} failed attempts)");
        Assert.True(chat.Acks.Count > ackedBeforeKill, "nothing was acknowledged after the kill");

        await chat.VerifyHistoryAsync(user);
        await chain.VerifyAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.Http.PostAsJsonAsync($"/api/groups/{groups[0]}/messages", new { client_id = Guid.NewGuid().ToString("N"), type = "text", text = "after" })).StatusCode);
    }

    [Fact]
    public async Task Killing_a_gateway_moves_live_clients_to_the_other_with_no_gap_or_duplicate()
    {
        using var cluster = new FailoverCluster(postgres, "killgw");
        await cluster.StartAsync();
        using var poster = await ClusterHttp.SignUpAsync(cluster.Address);
        using var listener = await ClusterHttp.SignUpAsync(cluster.Address);
        var group = await poster.CreateGroupAsync("live");
        await listener.JoinAsync(group);
        var token = listener.Http.DefaultRequestHeaders.Authorization!.Parameter!;

        var chat = new ChatLoad(poster, [group], "gw-" + Guid.NewGuid().ToString("N")[..6]);
        using var stop = new CancellationTokenSource();
        var live = new LiveListener(cluster.Address, token, group);
        var killed = 0;
        var firstGateway = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listening = live.RunAsync(
            until: last => stop.IsCancellationRequested && last >= chat.Acks.Select(a => a.Seq).DefaultIfEmpty(0).Max(),
            onReady: gateway => firstGateway.TrySetResult(gateway),
            limit: TimeSpan.FromSeconds(120));
        var gatewayId = await firstGateway.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var posting = chat.RunAsync(posters: 2, maxMessagesEach: 150, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var victim = Array.FindIndex(cluster.Gateways, g => gatewayId.Contains($"-{g!.Id}-", StringComparison.Ordinal));
        Assert.True(victim >= 0, $"no gateway process matches {gatewayId}");
        var receivedBeforeKill = live.Received.Count;
        cluster.Gateways[victim]!.Kill();
        killed++;

        await posting;
        await stop.CancelAsync();
        await listening;

        var history = await poster.HistoryAsync(group);
        var all = history.Select(m => m.GetProperty("seq").GetInt64()).ToList();
        output.WriteLine($"received {live.Received.Count} events ({receivedBeforeKill} before the kill), {live.Reconnects} reconnect(s), gateways {string.Join(", ", live.Gateways)}");
        Assert.Equal(1, killed);
        Assert.True(live.Gateways.Count >= 2 && live.Gateways[^1] != gatewayId, "the client never reached the other gateway");
        Assert.True(receivedBeforeKill > 0, "nothing arrived before the kill");
        // Every event of the group, in order, each once: the reconnect resumed exactly where the stream broke.
        Assert.Equal(all, live.Received);
        await chat.VerifyHistoryAsync(poster);
    }
}

