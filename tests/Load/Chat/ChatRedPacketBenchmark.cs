using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grains.Interfaces.Chat;
using Load.Foundation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace Load.Chat;

/// <summary>
/// Red packets under load: the real Gateway process (embedded silo, grain state and claims on a durable PostgreSQL, the
/// payments node mining as it does by default), a group of --members members, and --runs packets of --shares shares,
/// each claimed over HTTP by every member at once (--concurrency requests in flight). Prints, per run and as the median
/// and spread: claims answered per second, claim latency, the time from the first claim until every payout is
/// confirmed, and the CPU the gateway and PostgreSQL spent. Every run checks the book: exactly --shares claims, one
/// per member, summing to the total.
/// </summary>
public static class ChatRedPacketBenchmark
{
    private const long UnitsPerShare = 100_000;

    public static async Task RunAsync(string[] arguments)
    {
        var args = new BenchArgs(arguments);
        int members = args.Int("members", 10_000), shares = args.Int("shares", 10_000), runs = args.Int("runs", 3),
            concurrency = args.Int("concurrency", 256), shards = args.Int("shards", 16);
        long total = shares * UnitsPerShare;
        Console.WriteLine($"red packets: {members:N0} members claim {runs} packets of {shares:N0} shares ({concurrency} claims in flight), {shards} shards [{RepositoryPaths.Configuration} build]");

        using var postgres = PostgresServer.Start(durable: true);
        var connectionString = postgres.CreateDatabaseWithSchema("redpacket_bench");
        await using var bench = await BenchGateway.StartAsync(new Dictionary<string, string>
        {
            ["Cluster__Storage"] = "AdoNet",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Wallet__EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            // 10,000 payouts are 10,000 transactions waiting for a block at once.
            ["Chain__MaxMempoolTransactions"] = Math.Max(10_000, 2 * shares).ToString(CultureInfo.InvariantCulture),
            ["Chat__MaxRedPacketShares"] = Math.Max(10_000, shares).ToString(CultureInfo.InvariantCulture),
            ["Wallet__FaucetEnabled"] = "true",
            ["Wallet__FaucetAmount"] = (runs * 2 * total + (10 * 100_000_000L)).ToString(CultureInfo.InvariantCulture),
        });
        var gateway = bench.Process;
        var grains = bench.Grains;
        var groupId = "redpacket-" + Guid.NewGuid().ToString("N")[..8];
        var group = grains.GetGrain<IGroupGrain>(groupId);
        await group.CreateAsync(new CreateGroupCommand("owner", "owner", "red packet benchmark", null, shards));
        var clock = Stopwatch.StartNew();
        var claimers = Enumerable.Range(0, members).Select(i => new MemberProfile($"rp{i:D6}", $"rp{i:D6}")).ToArray();
        foreach (var chunk in claimers.Chunk(2_000))
            await group.ImportMembersAsync(chunk, indexMembers: false);
        var tokens = await BenchTokens.CreateAccountsAsync(grains, [.. claimers.Select(c => c.UserId), "owner"]);
        Console.WriteLine($"{members:N0} members imported and their accounts created in {clock.Elapsed.TotalSeconds:F1} s");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        { BaseAddress = gateway.HttpAddress, Timeout = TimeSpan.FromMinutes(2) };
        var owner = tokens["owner"];
        clock.Restart();
        await FundOwnerAsync(http, owner, runs * (total + ((shares + 1) * 10_000L)));
        Console.WriteLine($"the sender's faucet payment confirmed after {clock.Elapsed.TotalSeconds:F1} s");

        var results = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await RunOnceAsync(http, gateway, groupId, owner, claimers, tokens, shares, total, concurrency, run);
            results.Add(result);
            Console.WriteLine($"run {run}: {result.ClaimsPerSecond:N0} claims/s ({shares:N0} in {result.ClaimSeconds:F2} s), claim p50 {result.P50Ms:F1} ms p99 {result.P99Ms:F1} ms; " +
                $"every payout confirmed {result.ConfirmedSeconds:F1} s after the first claim; cpu while claiming: gateway {result.GatewayCpu:F1} s, postgres {result.PostgresCpu:F1} s; " +
                $"until confirmed: gateway {result.GatewayCpuToConfirmed:F1} s, postgres {result.PostgresCpuToConfirmed:F1} s");
        }

        Console.WriteLine();
        Console.WriteLine($"median of {runs} runs (min–max):");
        Spread.Print("claims/s", results.Select(r => r.ClaimsPerSecond), "N0");
        Spread.Print("claim p50 ms", results.Select(r => r.P50Ms), "F1");
        Spread.Print("claim p99 ms", results.Select(r => r.P99Ms), "F1");
        Spread.Print("first claim → all payouts confirmed, s", results.Select(r => r.ConfirmedSeconds), "F1");
        Spread.Print("gateway cpu per claim, µs", results.Select(r => r.GatewayCpu * 1e6 / shares), "N0");
        Spread.Print("postgres cpu per claim, µs", results.Select(r => r.PostgresCpu * 1e6 / shares), "N0");
        Console.WriteLine($"{Environment.ProcessorCount} cores; 1-minute load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    private sealed record RunResult(double ClaimSeconds, double ClaimsPerSecond, double P50Ms, double P99Ms, double ConfirmedSeconds,
        double GatewayCpu, double PostgresCpu, double GatewayCpuToConfirmed, double PostgresCpuToConfirmed);

    private static async Task<RunResult> RunOnceAsync(HttpClient http, HostProcess gateway, string groupId, string owner, MemberProfile[] claimers,
        Dictionary<string, string> tokens, int shares, long total, int concurrency, int run)
    {
        var created = await SendAsync(http, HttpMethod.Post, $"/api/groups/{groupId}/red-packets", owner,
            new { total, count = shares, mode = "random", greeting = $"run {run}", client_id = $"bench-{run}" });
        Expect(HttpStatusCode.Created, created.Status, created.Body);
        var packetId = created.Body.GetProperty("packet_id").GetString()!;
        var book = $"/api/groups/{groupId}/red-packets/{packetId}";
        await UntilAsync(async () => (await SendAsync(http, HttpMethod.Get, book, owner)).Body.GetProperty("status").GetString() == "open", "the packet to open");

        var latency = new LatencyHistogram();
        var answered = new int[4];
        var gatewayProcess = Process.GetProcessById(gateway.Id);
        var gatewayCpu = gatewayProcess.TotalProcessorTime;
        var postgresCpu = ProcessCpu.OfCommand("postgres");
        var start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(claimers, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (claimer, _) =>
        {
            var sent = Stopwatch.GetTimestamp();
            var (status, body) = await SendAsync(http, HttpMethod.Post, $"{book}/claims", tokens[claimer.UserId]);
            latency.Record(sent, Stopwatch.GetTimestamp());
            var outcome = status == HttpStatusCode.Created ? 0 : status == HttpStatusCode.Conflict && body.GetProperty("code").GetString() == "packet_exhausted" ? 1 : 2;
            if (outcome == 2 && Interlocked.Increment(ref answered[3]) == 1)
                Console.WriteLine($"unexpected claim answer: {(int)status} {body}");
            Interlocked.Increment(ref answered[outcome]);
        });
        var claimSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        gatewayProcess.Refresh();
        var claimGatewayCpu = (gatewayProcess.TotalProcessorTime - gatewayCpu).TotalSeconds;
        var claimPostgresCpu = (ProcessCpu.OfCommand("postgres") - postgresCpu).TotalSeconds;

        JsonElement view = default;
        await UntilAsync(async () =>
        {
            view = (await SendAsync(http, HttpMethod.Get, book, owner)).Body;
            return view.GetProperty("claims").EnumerateArray().All(c => c.GetProperty("confirmations").GetInt64() >= 1);
        }, "every payout to confirm", pollMs: 200);
        var confirmedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        gatewayProcess.Refresh();

        var claims = view.GetProperty("claims").EnumerateArray().ToList();
        var expected = Math.Min(shares, claimers.Length);
        if (answered[0] != expected || claims.Count != expected || claims.Select(c => c.GetProperty("user_id").GetString()).Distinct().Count() != expected
            || (expected == shares && claims.Sum(c => c.GetProperty("amount").GetInt64()) != total) || answered[2] != 0)
            throw new InvalidOperationException($"run {run}: {answered[0]} claims answered 201, {answered[1]} exhausted, {answered[2]} other; the book holds {claims.Count}");

        return new RunResult(claimSeconds, expected / claimSeconds, latency.PercentileMs(0.50), latency.PercentileMs(0.99), confirmedSeconds,
            claimGatewayCpu, claimPostgresCpu, (gatewayProcess.TotalProcessorTime - gatewayCpu).TotalSeconds, (ProcessCpu.OfCommand("postgres") - postgresCpu).TotalSeconds);
    }

    /// <summary>The faucet pays once the payments node has mined enough; then waits for the payment to confirm.</summary>
    private static async Task FundOwnerAsync(HttpClient http, string owner, long needed)
    {
        await UntilAsync(async () =>
        {
            var (status, body) = await SendAsync(http, HttpMethod.Post, "/api/me/wallet/faucet", owner);
            if (status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
                throw new InvalidOperationException($"the faucet refused: {(int)status} {body}");
            return status == HttpStatusCode.Created;
        }, "the faucet", pollMs: 1000);
        await UntilAsync(async () => (await SendAsync(http, HttpMethod.Get, "/api/me/wallet", owner)).Body.GetProperty("confirmed_balance").GetInt64() >= needed,
            "the faucet payment to confirm");
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static void Expect(HttpStatusCode expected, HttpStatusCode actual, JsonElement body)
    {
        if (expected != actual)
            throw new InvalidOperationException($"expected {(int)expected}, got {(int)actual} {body}");
    }

    private static async Task UntilAsync(Func<Task<bool>> done, string what, int pollMs = 250)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(pollMs);
        }
    }

}
