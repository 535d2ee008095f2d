using System.Net;
using System.Net.Http.Json;
using Cluster.Tests.Infrastructure;
using TestSupport.Cluster;
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
            limit: TimeSpan.FromSeconds(180));
        var gatewayId = await firstGateway.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var posting = chat.RunAsync(posters: 2, maxMessagesEach: 150, CancellationToken.None);
        // Kill the gateway once the stream is carrying messages (at most 30 s on a slow machine).
        for (var waited = 0; waited < 300 && live.Received.Count < 5; waited++)
            await Task.Delay(100);
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

    [Fact]
    public async Task Restarting_every_silo_in_turn_under_load_loses_nothing_acknowledged()
    {
        using var cluster = new FailoverCluster(postgres, "rolling", settings: ChainSettings);
        await cluster.StartAsync();
        using var user = await ClusterHttp.SignUpAsync(cluster.Address);
        var groups = new[] { await user.CreateGroupAsync("r1"), await user.CreateGroupAsync("r2") };
        var chat = new ChatLoad(user, groups, "roll-" + Guid.NewGuid().ToString("N")[..6]);
        var chain = new ChainLoad(user.Http, "r" + Guid.NewGuid().ToString("N")[..6]);
        await chain.SetUpAsync();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var chatRun = chat.RunAsync(posters: 4, maxMessagesEach: 2000, stop.Token);
        var chainRun = chain.RunAsync(maxBlocks: 200, maxTransactions: 500, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var shutdowns = new List<TimeSpan>();
        for (var i = 0; i < cluster.Silos.Length; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.True(cluster.Silos[i]!.Terminate(TimeSpan.FromSeconds(60)), $"silo {i} did not stop after SIGTERM");
            shutdowns.Add(clock.Elapsed);
            Assert.Equal(0, cluster.Silos[i]!.ExitCode);
            await cluster.StartSilo(i).WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        await stop.CancelAsync();
        await Task.WhenAll(chatRun, chainRun);

        output.WriteLine($"acknowledged {chat.Acks.Count} messages, {chain.MinedBlocks.Count} blocks, {chain.AcceptedTransactions.Count} transfers");
        output.WriteLine($"silo shutdowns took {string.Join(", ", shutdowns.Select(t => $"{t.TotalSeconds:F1} s"))}; {chat.FailedAttempts.Count} chat attempts failed and were retried");
        foreach (var failure in chat.FailedAttempts.Take(5))
            output.WriteLine($"  {failure.At:HH:mm:ss.fff} {failure.What}");
        await chat.VerifyHistoryAsync(user);
        await chain.VerifyAsync();
    }

    [Fact]
    public async Task While_PostgreSQL_is_down_requests_get_503_with_Retry_After_and_the_service_recovers_by_itself()
    {
        using var cluster = new FailoverCluster(postgres, "pgdown");
        await cluster.StartAsync();
        using var user = await ClusterHttp.SignUpAsync(cluster.Address);
        var group = await user.CreateGroupAsync("pg");
        var before = new ChatLoad(user, [group], "pg-before-" + Guid.NewGuid().ToString("N")[..6]);
        await before.RunAsync(posters: 2, maxMessagesEach: 20, CancellationToken.None);

        var statuses = new List<(HttpStatusCode Status, bool RetryAfter, string Body)>();
        postgres.Server.Stop();
        try
        {
            // Posting needs the database: every attempt while it is down is refused as retryable, never 500.
            for (var i = 0; i < 6; i++)
            {
                using var response = await user.Http.PostAsJsonAsync($"/api/groups/{group}/messages", new { client_id = $"down-{i}", type = "text", text = "while down" });
                statuses.Add((response.StatusCode, response.Headers.RetryAfter is not null, await response.Content.ReadAsStringAsync()));
                // Grains activated for the first time must read their state from the database too.
                using var account = await user.Http.PostAsJsonAsync("/api/accounts", new { username = "down" + Guid.NewGuid().ToString("N")[..10], password = "correct horse battery" });
                statuses.Add((account.StatusCode, account.Headers.RetryAfter is not null, await account.Content.ReadAsStringAsync()));
                using var mined = await user.Http.PostAsJsonAsync($"/api/nodes/down{i}/mine", new { });
                statuses.Add((mined.StatusCode, mined.Headers.RetryAfter is not null, await mined.Content.ReadAsStringAsync()));
                await Task.Delay(500);
            }
        }
        finally
        {
            postgres.Server.Restart();
        }

        foreach (var (status, _, body) in statuses)
            output.WriteLine($"while down: {(int)status} {body}");
        if (statuses.Any(s => s.Status != HttpStatusCode.ServiceUnavailable))
            output.WriteLine(cluster.Logs(40));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s.Status));
        Assert.All(statuses, s => Assert.True(s.RetryAfter, "503 without Retry-After"));

        // Recovery needs no restart: the same processes serve again once the database is back.
        var after = new ChatLoad(user, [group], "pg-after-" + Guid.NewGuid().ToString("N")[..6]);
        await after.RunAsync(posters: 2, maxMessagesEach: 20, CancellationToken.None);
        Assert.Equal(40, after.Acks.Count);
        await before.VerifyHistoryAsync(user);
        await after.VerifyHistoryAsync(user);
        var history = await user.HistoryAsync(group);
        // A post answered 503 while the database was down has an unknown outcome: one that took a number is kept and
        // stored once the database is back (so the sequence has no hole), at most once; the sequence runs 1..N.
        Assert.All(history.Where(m => m.TryGetProperty("client_id", out var c) && c.GetString()?.StartsWith("down-", StringComparison.Ordinal) == true)
            .GroupBy(m => m.GetProperty("client_id").GetString()), g => Assert.Single(g));
        Assert.Equal(Enumerable.Range(1, history.Count).Select(n => (long)n), history.Select(m => m.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task SIGTERM_on_a_gateway_ends_live_streams_with_a_reconnect_hint_and_exits_cleanly()
    {
        using var cluster = new FailoverCluster(postgres, "gwterm", silos: 1, gateways: 2);
        await cluster.StartAsync();
        using var poster = await ClusterHttp.SignUpAsync(cluster.Address);
        using var listener = await ClusterHttp.SignUpAsync(cluster.Address);
        var group = await poster.CreateGroupAsync("bye");
        await listener.JoinAsync(group);

        // Straight to gateway 0, so the test knows which process holds the stream.
        using var direct = new HttpClient { BaseAddress = cluster.Gateways[0]!.HttpAddress, Timeout = Timeout.InfiniteTimeSpan };
        direct.DefaultRequestHeaders.Authorization = listener.Http.DefaultRequestHeaders.Authorization;
        using var response = await direct.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/live"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("ready", (await stream.NextAsync()).Event);

        await ClusterHttp.Expect(HttpStatusCode.Created, await poster.Http.PostAsJsonAsync($"/api/groups/{group}/messages", new { client_id = "before", type = "text", text = "before" }));
        ServerSentEvent next;
        do
            next = await stream.NextAsync();
        while (next.Event != "message");

        Assert.True(cluster.Gateways[0]!.Terminate(TimeSpan.FromSeconds(60)), "the gateway did not stop after SIGTERM");
        Assert.Equal(0, cluster.Gateways[0]!.ExitCode);

        var events = new List<ServerSentEvent>();
        try
        {
            while (true)
                events.Add(await stream.NextAsync(TimeSpan.FromSeconds(10)));
        }
        catch (EndOfStreamException)
        {
            // The gateway ended the stream after its hint.
        }

        var hint = Assert.Single(events, e => e.Event == "reconnect");
        Assert.Equal(1000, hint.RetryMs);
        Assert.Null(hint.Id);

        // The other gateway still serves, through the load balancer.
        await ClusterHttp.Expect(HttpStatusCode.Created, await poster.Http.PostAsJsonAsync($"/api/groups/{group}/messages", new { client_id = "after", type = "text", text = "after" }));
    }
}

