using System.Globalization;
using Load.Foundation;
using TestSupport;
using TestSupport.Cluster;

namespace Load.Cluster;

/// <summary>
/// The failover window of "SIGKILL one silo" (3 silos, 2 gateways, nginx, PostgreSQL): how long after the kill chat
/// posts kept failing or being answered late (over a second, when the gateway retried them inside), over N runs
/// (default 5); every run also checks nothing acknowledged was lost or stored twice.
/// Further arguments <c>Name=value</c> are settings for every process (e.g. <c>Cluster__ClientResponseTimeoutSeconds=3</c>),
/// to measure what each timeout contributes to the window.
/// </summary>
public static class FailoverWindowBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var settings = args.Skip(1).Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (settings.Count > 0)
            Console.WriteLine("settings: " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")));
        using var postgres = PostgresFixture.Durable();
        var windows = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            using var cluster = new FailoverCluster(postgres, "failover" + run, settings: settings);
            await cluster.StartAsync();
            using var user = await ClusterHttp.SignUpAsync(cluster.Address);
            var groups = new[] { await user.CreateGroupAsync("a"), await user.CreateGroupAsync("b"), await user.CreateGroupAsync("c") };
            var chat = new ChatLoad(user, groups, $"fw{run}-" + Guid.NewGuid().ToString("N")[..6]);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            var posting = chat.RunAsync(posters: 6, maxMessagesEach: 5000, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var killedAt = DateTime.UtcNow;
            cluster.Silos[Random.Shared.Next(cluster.Silos.Length)]!.Kill();
            await Task.Delay(TimeSpan.FromSeconds(20));
            await stop.CancelAsync();
            await posting;

            var failures = chat.FailedAttempts.Where(f => f.At >= killedAt).Select(f => f.At).ToList();
            var slow = chat.SlowAttempts.Where(s => s.At >= killedAt).ToList();
            var failedUntil = failures.Count == 0 ? 0 : (failures.Max() - killedAt).TotalSeconds;
            var stalledUntil = slow.Count == 0 ? 0 : (slow.Max(s => s.At) - killedAt).TotalSeconds;
            var window = Math.Max(failedUntil, stalledUntil);
            windows.Add(window);
            await chat.VerifyHistoryAsync(user);
            Console.WriteLine($"run {run}: window {window:F2} s: posts failed until {failedUntil:F2} s after the kill ({failures.Count} failed attempts, all retried), "
                + $"posts answered late (over {ChatLoad.SlowAttempt.TotalSeconds:F0} s) until {stalledUntil:F2} s ({slow.Count}, slowest {(slow.Count == 0 ? 0 : slow.Max(s => s.Took.TotalSeconds)):F2} s); "
                + $"{chat.Acks.Count} acknowledged, none lost, none twice");
        }

        Console.WriteLine($"failover window over {runs} runs, s, median (min–max): {Spread.Describe(windows, "F2")}");
    }
}
