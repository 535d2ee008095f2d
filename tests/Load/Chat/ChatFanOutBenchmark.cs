using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Grains.Interfaces.Chat;
using Load.Foundation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace Load.Chat;

/// <summary>
/// (a) Fan-out: the real Gateway process (embedded silo, memory storage) with a group of --members members,
/// --live of them connected over real loopback SSE connections from this process; the owner posts --rate
/// messages a second over HTTP for --seconds. Prints deliveries per second and post-to-delivery p50/p99.
/// Run with <c>ulimit -n 20000</c>: each process holds one socket per live user.
/// </summary>
public static class ChatFanOutBenchmark
{
    public static async Task RunAsync(string[] arguments)
    {
        var args = new BenchArgs(arguments);
        int members = args.Int("members", 100_000), live = args.Int("live", 10_000), rate = args.Int("rate", 40),
            seconds = args.Int("seconds", 20), runs = args.Int("runs", 3), warmup = args.Int("warmup", 5), shards = args.Int("shards", 16), flushMs = args.Int("flush-ms", 50), inline = args.Int("inline", 0), serverGc = args.Int("server-gc", 1);
        Console.WriteLine($"fan-out: {members:N0} members, {live:N0} live over SSE, {rate} msg/s for {seconds} s × {runs} runs after {warmup} s of warm-up, {shards} shards, flush every {flushMs} ms, inline sockets {inline != 0} [{RepositoryPaths.Configuration} build]");

        await using var bench = await BenchGateway.StartAsync(new Dictionary<string, string>
        {
            ["Live__FlushIntervalMs"] = flushMs.ToString(CultureInfo.InvariantCulture),
            ["Live__InlineSocketScheduling"] = (inline != 0).ToString(),
            ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = inline != 0 ? "1" : "0",
            ["DOTNET_gcServer"] = serverGc.ToString(CultureInfo.InvariantCulture),
        });
        var gateway = bench.Process;
        var grains = bench.Grains;
        var groupId = "fanout-" + Guid.NewGuid().ToString("N")[..8];
        var group = grains.GetGrain<IGroupGrain>(groupId);
        await group.CreateAsync(new CreateGroupCommand("owner", "owner", "fan-out benchmark", null, shards));

        var clock = Stopwatch.StartNew();
        var liveUsers = Enumerable.Range(0, live).Select(i => new MemberProfile($"live{i:D6}", $"live{i:D6}")).ToArray();
        var others = Enumerable.Range(0, members - 1 - live).Select(i => new MemberProfile($"m{i:D7}", $"m{i:D7}")).ToArray();
        foreach (var chunk in others.Chunk(20_000))
            await group.ImportMembersAsync(chunk, indexMembers: false);
        foreach (var chunk in liveUsers.Chunk(2_000))
            await group.ImportMembersAsync(chunk, indexMembers: true);
        var view = await group.GetAsync();
        Console.WriteLine($"group {groupId}: {view.MemberCount:N0} members imported in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var tokens = await BenchTokens.CreateAccountsAsync(grains, [.. liveUsers.Select(u => u.UserId), "owner"]);
        Console.WriteLine($"{tokens.Count:N0} accounts for the live users and the owner created in {clock.Elapsed.TotalSeconds:F1} s");

        var latency = new LatencyHistogram();
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        })
        { BaseAddress = gateway.HttpAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource();
        var readers = liveUsers.Select(u => new LiveReader(u.UserId, tokens[u.UserId], latency)).ToArray();
        clock.Restart();
        var running = await FanOutRound.ConnectAsync(readers, http, stop.Token);
        Console.WriteLine($"{readers.Length:N0} live connections ready in {clock.Elapsed.TotalSeconds:F1} s");

        using var poster = new HttpClient { BaseAddress = gateway.HttpAddress };
        poster.DefaultRequestHeaders.Authorization = new("Bearer", tokens["owner"]);
        var gatewayProcess = Process.GetProcessById(gateway.Id);
        if (warmup > 0)
        {
            // Not measured: the JIT's later tiers and the GC's budgets settle at this load first, as in a server that has run a while.
            var warm = await FanOutRound.RunAsync(poster, groupId, readers, latency, rate, warmup, round: 0);
            Console.WriteLine($"warm-up ({warmup} s, not counted): {warm.DeliveriesPerSecond:N0} deliveries/s, p99 {warm.P99Ms:F0} ms");
        }

        var chat = new List<Row>();
        for (var run = 1; run <= runs; run++)
        {
            gatewayProcess.Refresh();
            var gatewayCpu = gatewayProcess.TotalProcessorTime;
            var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var result = await FanOutRound.RunAsync(poster, groupId, readers, latency, rate, seconds, round: run);
            gatewayProcess.Refresh();
            var row = new Row(result, (gatewayProcess.TotalProcessorTime - gatewayCpu).TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds);
            chat.Add(row);
            Console.WriteLine($"chat run {run}:");
            result.Print("  ");
            Console.WriteLine($"  cpu: gateway {row.ServerCpu:F1} s ({row.ServerMicros:F2} µs/delivery), load generator {row.ClientCpu:F1} s ({row.ClientMicros:F2} µs/delivery); 1-minute load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }

        await stop.CancelAsync();
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
        List<Row> redis = [];
        if (args.Int("redis", 1) != 0)
        {
            // The reference in the same run, on the same cores: Redis pub/sub, same subscribers, same rate, same coalescing.
            await bench.StopClientAsync();
            gateway.Dispose();
            Console.WriteLine();
            redis = [.. (await RedisFanOutRound.RunAsync(live, rate, seconds, payloadBytes: 200, intervalMs: flushMs, runs, warmup))
                .Select(r => new Row(r.Result, r.ServerCpuSeconds, r.ClientCpuSeconds))];
        }

        Console.WriteLine();
        Console.WriteLine($"median of {runs} runs (min–max), {live:N0} subscribers, {rate} msg/s for {seconds} s each:");
        Console.WriteLine($"  {"",-6} {"deliveries/s",-28} {"p50 ms",-24} {"p99 ms",-24} {"server µs/delivery",-20} {"client µs/delivery",-20}");
        PrintRow("chat", chat);
        if (redis.Count > 0)
        {
            PrintRow("redis", redis);
            Console.WriteLine($"  chat / redis deliveries/s (medians): {Spread.Median(chat.Select(r => r.Result.DeliveriesPerSecond)) / Spread.Median(redis.Select(r => r.Result.DeliveriesPerSecond)):F2}");
        }
    }

    private static void PrintRow(string name, List<Row> rows) =>
        Console.WriteLine($"  {name,-6} {Spread.Describe(rows.Select(r => r.Result.DeliveriesPerSecond), "N0"),-28} {Spread.Describe(rows.Select(r => r.Result.P50Ms), "F0"),-24} "
            + $"{Spread.Describe(rows.Select(r => r.Result.P99Ms), "F0"),-24} {Spread.Describe(rows.Select(r => r.ServerMicros), "F2"),-20} {Spread.Describe(rows.Select(r => r.ClientMicros), "F2"),-20}");

    /// <summary>One run: what was delivered, and the CPU seconds the server and the clients (subscribers and poster) spent.</summary>
    private sealed record Row(FanOutResult Result, double ServerCpu, double ClientCpu)
    {
        public double ServerMicros => ServerCpu * 1e6 / Math.Max(1, Result.Delivered);

        public double ClientMicros => ClientCpu * 1e6 / Math.Max(1, Result.Delivered);
    }
}
