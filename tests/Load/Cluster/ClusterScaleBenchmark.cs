using System.Globalization;
using TestSupport;
using TestSupport.Cluster;

namespace Load.Cluster;

/// <summary>
/// Chat through the whole deployment (nginx, 2 gateways, PostgreSQL) with 1, 2 and 3 silos on this machine:
/// acknowledged posts per second from many posters over many groups, and live deliveries per second to
/// listeners holding Server-Sent Events streams through nginx.
/// </summary>
public static class ClusterScaleBenchmark
{
    private static int Posters = 16;

    public static async Task RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var listeners = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        Posters = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        using var postgres = new PostgresFixture();
        foreach (var silos in new[] { 1, 2, 3 })
        {
            using var cluster = new FailoverCluster(postgres, "scale" + silos, silos: silos, gateways: 2,
                settings: new Dictionary<string, string>
                {
                    ["Logging__LogLevel__Default"] = "Error",
                    // Every listener signs up from this one address; the per-address sign-in limit is not under test.
                    ["Auth__AttemptsPerMinute"] = "100000",
                });
            await cluster.StartAsync();
            Console.WriteLine($"{silos} silo(s): cluster ready");
            using var owner = await ClusterHttp.SignUpAsync(cluster.Address);
            var groups = new List<string>();
            for (var g = 0; g < 50; g++)
                groups.Add(await owner.CreateGroupAsync("scale" + g));

            Console.WriteLine($"{silos} silo(s): {groups.Count} groups created");
            // Listeners join the first group and hold a live stream each.
            var counters = new long[listeners];
            using var stop = new CancellationTokenSource();
            var streams = new List<Task>();
            for (var i = 0; i < listeners; i++)
            {
                var listener = await ClusterHttp.SignUpAsync(cluster.Address);
                await listener.JoinAsync(groups[0]);
                var index = i;
                streams.Add(CountAsync(cluster.Address, listener, groups[0], () => Interlocked.Increment(ref counters[index]), stop.Token));
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            Console.WriteLine($"{silos} silo(s): {listeners} listeners connected; posting for {seconds} s");
            var chat = new ChatLoad(owner, groups, $"scale{silos}-" + Guid.NewGuid().ToString("N")[..6]) { Pause = TimeSpan.Zero };
            using var window = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var deliveredBefore = counters.Sum();
            await chat.RunAsync(posters: Posters, maxMessagesEach: 1_000_000, window.Token);
            var elapsed = clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2));
            var delivered = counters.Sum() - deliveredBefore;
            await stop.CancelAsync();
            await Task.WhenAll(streams);
            Console.WriteLine($"{silos} silo(s): {chat.Acks.Count / elapsed:F0} acknowledged posts/s over {groups.Count} groups ({Posters} posters, {elapsed:F0} s); " +
                $"{delivered / elapsed:F0} live deliveries/s to {listeners} SSE listeners of one group; {chat.FailedAttempts.Count} retried attempts");
        }
    }

    private static async Task CountAsync(Uri address, ClusterHttp user, string group, Action onMessage, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = user.Http.DefaultRequestHeaders.Authorization;
        try
        {
            using var response = await http.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead, stop);
            using var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(stop));
            while (!stop.IsCancellationRequested)
            {
                var next = await reader.NextAsync(TimeSpan.FromMinutes(5), stop);
                if (next.Id?.StartsWith(group + ":", StringComparison.Ordinal) == true)
                    onMessage();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or EndOfStreamException)
        {
        }
        finally
        {
            user.Dispose();
        }
    }
}
