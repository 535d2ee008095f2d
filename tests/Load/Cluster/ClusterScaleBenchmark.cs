using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Load.Chat;
using Load.Foundation;
using TestSupport;
using TestSupport.Cluster;

namespace Load.Cluster;

/// <summary>
/// Chat through the whole deployment (nginx, 2 client-mode gateways, PostgreSQL) with 1, 2 and 3 silos on
/// this machine. Two kinds of round per silo count, each run --runs times (median and spread in the summary):
/// posting: many posters flat out over 50 groups, acknowledged posts per second;
/// fan-out: listeners holding Server-Sent Events streams through nginx in one group, the owner posting at a
/// fixed rate; deliveries per second and post-to-delivery latency.
/// Both rounds print the CPU each kind of process used, to show where the two cores went.
/// Posting here is closed-loop (each poster waits for its answer), so it measures latency under light load; the
/// open-loop capacity figure is <c>chat-http-post --mode cluster</c>.
/// Arguments: [seconds=10] [listeners=2000] [posters=16] [rate=20] [silo counts=1,2,3] [runs=3].
/// </summary>
public static class ClusterScaleBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        int seconds = Arg(0, 10), listeners = Arg(1, 2_000), posters = Arg(2, 16), rate = Arg(3, 20);
        var siloCounts = args.Length > 4 ? args[4].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray() : [1, 2, 3];
        var runs = Arg(5, 3);
        Console.WriteLine($"cluster-scale: {seconds} s per round, {runs} rounds of each, {posters} posters over 50 groups; {listeners:N0} SSE listeners, {rate} msg/s [{RepositoryPaths.Configuration} build, {Environment.ProcessorCount} cores]");
        using var postgres = PostgresFixture.Durable();
        var summary = new List<string>();
        foreach (var silos in siloCounts)
        {
            using var cluster = new FailoverCluster(postgres, "scale" + silos, silos: silos, gateways: 2,
                settings: new Dictionary<string, string>
                {
                    ["Logging__LogLevel__Default"] = "Error",
                    // Thousands of listeners sign up from this one address through nginx; hashing at OWASP's work
                    // factor would measure PBKDF2, not the cluster.
                    ["Auth__AttemptsPerMinute"] = "1000000",
                    ["Auth__PasswordHashIterations"] = "1000",
                    // The posting round's owner creates 50 groups at once; the per-client creation limit is 10 a minute.
                    ["Limits__GroupCreationsPerMinute"] = "1000",
                });
            await cluster.StartAsync();
            var cpu = new CpuSplit(cluster);
            Console.WriteLine($"{silos} silo(s): cluster ready");

            var posting = new List<double>();
            using var owner = await ClusterHttp.SignUpAsync(cluster.Address);
            var groups = new List<string>();
            for (var g = 0; g < 50; g++)
                groups.Add(await owner.CreateGroupAsync("scale" + g));
            for (var run = 1; run <= runs; run++)
            {
                var round = await PostingRoundAsync(owner, groups, seconds, posters);
                posting.Add(round.PerSecond);
                Console.WriteLine($"{silos} silo(s): posting run {run}: {round.PerSecond:F0} acknowledged posts/s over 50 groups ({posters} posters, {round.Seconds:F1} s); {round.Retries} retried attempts");
                Console.WriteLine($"{silos} silo(s): posting run {run}: CPU s {cpu.Report()}");
            }

            var fanOut = new List<FanOutResult>();
            await using (var listening = await Listeners.JoinAsync(cluster.Address, listeners, silos))
            {
                for (var run = 1; run <= runs; run++)
                {
                    var round = await FanOutRound.RunAsync(listening.Poster.Http, listening.GroupId, listening.Readers, listening.Latency, rate, seconds, round: run);
                    fanOut.Add(round);
                    round.Print($"{silos} silo(s): fan-out run {run}: ");
                    Console.WriteLine($"{silos} silo(s): fan-out run {run}: CPU s {cpu.Report()}");
                }
            }

            summary.Add($"{silos} silo(s): posts/s {Spread.Describe(posting, "F0")} | fan-out deliveries/s {Spread.Describe(fanOut.Select(f => f.DeliveriesPerSecond), "F0")}, "
                + $"p50 ms {Spread.Describe(fanOut.Select(f => f.P50Ms), "F0")}, p99 ms {Spread.Describe(fanOut.Select(f => f.P99Ms), "F0")}, "
                + $"{fanOut.Sum(f => f.Delivered):N0}/{fanOut.Sum(f => f.Expected):N0} delivered, gaps {fanOut.Sum(f => f.Gaps)}, duplicates {fanOut.Sum(f => f.Duplicates)}");
        }

        Console.WriteLine($"summary, median of {runs} runs (min–max):");
        summary.ForEach(Console.WriteLine);
    }

    private static async Task<(double PerSecond, double Seconds, int Retries)> PostingRoundAsync(ClusterHttp owner, List<string> groups, int seconds, int posters)
    {
        var chat = new ChatLoad(owner, groups, "scale-" + Guid.NewGuid().ToString("N")[..6]) { Pause = TimeSpan.Zero };
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        await chat.RunAsync(posters, maxMessagesEach: 1_000_000, window.Token);
        var elapsed = clock.Elapsed.TotalSeconds;
        if (!chat.Unexpected.IsEmpty)
            throw new InvalidOperationException("posting failed: " + string.Join("; ", chat.Unexpected.Take(3)));
        return (chat.Acks.Count / elapsed, elapsed, chat.FailedAttempts.Count);
    }

    /// <summary>Listeners who signed up, joined one group through the balancer and hold their SSE streams open.</summary>
    private sealed class Listeners : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private List<Task> _running = [];
        private HttpClient? _live;

        public required ClusterHttp Poster { get; init; }

        public required string GroupId { get; init; }

        public required LiveReader[] Readers { get; init; }

        public required LatencyHistogram Latency { get; init; }

        public static async Task<Listeners> JoinAsync(Uri address, int listeners, int silos)
        {
            var poster = await ClusterHttp.SignUpAsync(address);
            var groupId = await poster.CreateGroupAsync("fan-out", shards: 16);
            var latency = new LatencyHistogram();
            // Every listener signs up, signs in and joins through the balancer with its own token, a few at a time.
            using var joiner = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            var clock = Stopwatch.StartNew();
            var run = Guid.NewGuid().ToString("N")[..6];
            var tokens = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
            await Parallel.ForEachAsync(Enumerable.Range(0, listeners), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancel) =>
                tokens[i] = await TestUsers.SignUpAsync(joiner, $"listener{run}{i:D5}", cancel));
            var readers = Enumerable.Range(0, listeners).Select(i => new LiveReader($"listener{run}{i:D5}", tokens[i], latency)).ToArray();
            await Parallel.ForEachAsync(readers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (reader, cancel) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/groups/{groupId}/members");
                request.Headers.Authorization = new("Bearer", reader.Token);
                using var response = await joiner.SendAsync(request, cancel);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{reader.UserId} could not join: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancel)}");
            });
            Console.WriteLine($"{silos} silo(s): {listeners:N0} listeners joined in {clock.Elapsed.TotalSeconds:F1} s");

            var joined = new Listeners { Poster = poster, GroupId = groupId, Readers = readers, Latency = latency };
            joined._live = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = int.MaxValue,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                ConnectTimeout = TimeSpan.FromSeconds(30),
            })
            { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
            clock.Restart();
            joined._running = await FanOutRound.ConnectAsync(readers, joined._live, joined._stop.Token);
            Console.WriteLine($"{silos} silo(s): {listeners:N0} SSE streams through nginx ready in {clock.Elapsed.TotalSeconds:F1} s");
            return joined;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
            _live?.Dispose();
            Poster.Dispose();
            _stop.Dispose();
        }
    }

    /// <summary>CPU seconds used by silos, gateways, nginx, PostgreSQL and this process since the last report.</summary>
    private sealed class CpuSplit(FailoverCluster cluster)
    {
        private double[] _last = Read(cluster);

        public string Report()
        {
            var now = Read(cluster);
            var used = now.Zip(_last, (a, b) => a - b).ToArray();
            _last = now;
            return $"silos {used[0]:F1}, gateways {used[1]:F1}, nginx {used[2]:F1}, postgres {used[3]:F1}, load generator {used[4]:F1}";
        }

        private static double[] Read(FailoverCluster cluster)
        {
            static double Of(IEnumerable<HostProcess?> processes) => processes.Sum(p =>
            {
                using var process = Process.GetProcessById(p!.Id);
                return process.TotalProcessorTime.TotalSeconds;
            });

            return [Of(cluster.Silos), Of(cluster.Gateways), ProcessCpu.OfCommand("nginx").TotalSeconds,
                ProcessCpu.OfCommand("postgres").TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds];
        }
    }
}
