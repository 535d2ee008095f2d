using System.Diagnostics;
using System.Globalization;
using TestSupport;

namespace Load.Foundation;

/// <summary>
/// Embedded start-up: from process start to <c>/health/ready</c> answering 200, for the built Gateway
/// with no configuration but a free port; prints every run and the median.
/// </summary>
public static class StartupBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            using var gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string>
            {
                ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            });
            await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            times.Add(clock.Elapsed.TotalMilliseconds);
            Console.WriteLine($"run {i + 1}: ready after {clock.Elapsed.TotalMilliseconds:F0} ms");
        }

        times.Sort();
        Console.WriteLine($"embedded start-up to ready: median {times[times.Count / 2]:F0} ms over {runs} runs (min {times[0]:F0}, max {times[^1]:F0}) [{RepositoryPaths.Configuration} build]");
    }
}
