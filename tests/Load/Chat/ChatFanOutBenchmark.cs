using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Grains.Interfaces.Chat;
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
            seconds = args.Int("seconds", 20), shards = args.Int("shards", 16), flushMs = args.Int("flush-ms", 50), inline = args.Int("inline", 0), serverGc = args.Int("server-gc", 1);
        Console.WriteLine($"fan-out: {members:N0} members, {live:N0} live over SSE, {rate} msg/s for {seconds} s, {shards} shards, flush every {flushMs} ms, inline sockets {inline != 0} [{RepositoryPaths.Configuration} build]");

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
        var gatewayCpu = gatewayProcess.TotalProcessorTime;
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await FanOutRound.RunAsync(poster, groupId, readers, latency, rate, seconds);
        gatewayProcess.Refresh();
        var gatewayUsed = gatewayProcess.TotalProcessorTime - gatewayCpu;
        var ownUsed = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        stop.Cancel();
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);

        result.Print();
        Console.WriteLine($"cpu while posting and delivering: gateway {gatewayUsed.TotalSeconds:F1} s, load generator {ownUsed.TotalSeconds:F1} s ({Environment.ProcessorCount} cores; 1-minute load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        if (args.Int("redis", 1) == 0)
            return;

        // The reference in the same run, on the same cores: Redis pub/sub, same subscribers, same rate.
        await bench.StopClientAsync();
        gateway.Dispose();
        Console.WriteLine();
        var (redis, redisCpu, redisClientCpu) = await RedisFanOutRound.RunAsync(live, rate, seconds, payloadBytes: 200, readEveryMs: flushMs);
        redis.Print("redis: ");
        Console.WriteLine($"redis: cpu: redis-server {redisCpu:F1} s, subscribers and publisher {redisClientCpu:F1} s");
        Console.WriteLine();
        Console.WriteLine($"{"",-8} {"deliveries/s",14} {"p50 ms",8} {"p99 ms",8} {"server µs/delivery",20} {"client µs/delivery",20}");
        Console.WriteLine($"{"chat",-8} {result.DeliveriesPerSecond,14:N0} {result.P50Ms,8:F1} {result.P99Ms,8:F1} {gatewayUsed.TotalSeconds * 1e6 / Math.Max(1, result.Delivered),20:F2} {ownUsed.TotalSeconds * 1e6 / Math.Max(1, result.Delivered),20:F2}");
        Console.WriteLine($"{"redis",-8} {redis.DeliveriesPerSecond,14:N0} {redis.P50Ms,8:F1} {redis.P99Ms,8:F1} {redisCpu * 1e6 / Math.Max(1, redis.Delivered),20:F2} {redisClientCpu * 1e6 / Math.Max(1, redis.Delivered),20:F2}");
        Console.WriteLine($"chat / redis deliveries/s: {result.DeliveriesPerSecond / redis.DeliveriesPerSecond:F2}");
    }
}
