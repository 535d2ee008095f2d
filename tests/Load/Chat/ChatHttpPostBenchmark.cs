using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Grains.Interfaces.Chat;
using Load.Foundation;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;
using TestSupport.Cluster;

namespace Load.Chat;

/// <summary>
/// HTTP posting as clients do it: wrk keeps --connections connections posting to --groups groups (each connection a
/// different member, its own bearer token, a fresh client_id per post), and in the same run measures the same
/// gateway's floor, <c>GET /health/live</c>, with the same connections. Prints, per run and as the median and spread
/// of --runs runs: requests/s, p50 and p99 latency, and gateway CPU per request.
/// <c>--mode embedded</c> (default): one Gateway process with its silo, state in memory. <c>--mode cluster</c>: nginx,
/// 2 client-mode gateways, 1 silo, PostgreSQL with fsync on; wrk talks to nginx, and the CPU of every process is reported.
/// wrk is installed with apt-get when missing.
/// </summary>
public static partial class ChatHttpPostBenchmark
{
    public static async Task RunAsync(string[] arguments)
    {
        var args = new BenchArgs(arguments);
        var cluster = Array.IndexOf(arguments, "cluster") >= 0;
        int runs = args.Int("runs", 3), seconds = args.Int("seconds", 10), warmup = args.Int("warmup", 10), connections = args.Int("connections", 64), groups = args.Int("groups", 8);
        EnsureWrk();
        Console.WriteLine($"chat-http-post ({(cluster ? "cluster: nginx, 2 gateways, 1 silo, PostgreSQL, fsync on" : "embedded, memory")}): {connections} connections over {groups} groups, " +
            $"{seconds} s per round, {runs} runs after {warmup} s of warm-up [{RepositoryPaths.Configuration} build, {Environment.ProcessorCount} cores]");

        var folder = Directory.CreateTempSubdirectory("chat-http-post-").FullName;
        try
        {
            if (cluster)
                await RunClusterAsync(folder, runs, seconds, warmup, connections, groups);
            else
                await RunEmbeddedAsync(folder, runs, seconds, warmup, connections, groups);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunEmbeddedAsync(string folder, int runs, int seconds, int warmup, int connections, int groups)
    {
        await using var bench = await BenchGateway.StartAsync();
        var gateway = bench.Process;
        var grains = bench.Grains;

        var posters = Enumerable.Range(0, connections).Select(i => (User: $"poster{i:D3}", Group: $"{i % groups:x16}")).ToArray();
        foreach (var groupId in posters.Select(p => p.Group).Distinct())
        {
            var group = grains.GetGrain<IGroupGrain>(groupId);
            await group.CreateAsync(new CreateGroupCommand("owner", "owner", "post benchmark " + groupId, null, 16));
            await group.UpdateSettingsAsync("owner", new GroupSettingsPatch(RateLimit: RateLimitSettings.Off));
            await group.ImportMembersAsync([.. posters.Where(p => p.Group == groupId).Select(p => new MemberProfile(p.User, p.User))], indexMembers: false);
        }

        var tokens = await BenchTokens.CreateAccountsAsync(grains, posters.Select(p => p.User));
        var targets = WriteTargets(folder, posters.Select(p => (tokens[p.User], p.Group)));
        var processes = new Dictionary<string, int[]> { ["gateway"] = [gateway.Id] };
        await MeasureAsync(gateway.HttpAddress, targets, folder, runs, seconds, warmup, connections, processes, "gateway");
    }

    private static async Task RunClusterAsync(string folder, int runs, int seconds, int warmup, int connections, int groups)
    {
        using var postgres = PostgresFixture.Durable();
        using var cluster = new FailoverCluster(postgres, "httppost", silos: 1, gateways: 2, settings: new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Error",
            ["Auth__AttemptsPerMinute"] = "1000000",
            ["Auth__PasswordHashIterations"] = "1000",
        });
        await cluster.StartAsync();
        using var owner = await ClusterHttp.SignUpAsync(cluster.Address);
        var groupIds = new List<string>();
        for (var g = 0; g < groups; g++)
        {
            var id = await owner.CreateGroupAsync($"post benchmark {g}", shards: 16);
            (await owner.Http.PatchAsJsonAsync($"/api/groups/{id}", new { rate_limit = new { messages = 0, period_seconds = 1, burst = 1 } })).EnsureSuccessStatusCode();
            groupIds.Add(id);
        }

        var posters = new List<(string Token, string Group)>();
        for (var i = 0; i < connections; i++)
        {
            var user = await ClusterHttp.SignUpAsync(cluster.Address);
            await user.JoinAsync(groupIds[i % groups]);
            posters.Add((user.Http.DefaultRequestHeaders.Authorization!.Parameter!, groupIds[i % groups]));
            user.Dispose();
        }

        var targets = WriteTargets(folder, posters);
        var processes = new Dictionary<string, int[]>
        {
            ["gateways"] = [.. cluster.Gateways.Select(g => g!.Id)],
            ["silo"] = [.. cluster.Silos.Select(s => s!.Id)],
        };
        await MeasureAsync(cluster.Address, targets, folder, runs, seconds, warmup, connections, processes, "gateways", withPostgresAndNginx: true);
    }

    private static string WriteTargets(string folder, IEnumerable<(string Token, string Group)> targets)
    {
        var path = Path.Combine(folder, "targets.txt");
        File.WriteAllLines(path, targets.Select(t => $"{t.Token} {t.Group}"));
        return path;
    }

    private static async Task MeasureAsync(Uri address, string targets, string folder, int runs, int seconds, int warmup, int connections,
        Dictionary<string, int[]> processes, string perRequestOf, bool withPostgresAndNginx = false)
    {
        var script = Path.Combine(folder, "post.lua");
        File.WriteAllText(script, PostScript);
        var root = address.ToString().TrimEnd('/');
        // Warm up both paths (JIT tiers, connections, grain activations, connection pools) before anything is measured.
        await WrkAsync(["-t2", $"-c{connections}", $"-d{warmup}s", "-s", script, root], targets);
        await WrkAsync(["-t2", $"-c{connections}", $"-d{Math.Max(1, warmup / 2)}s", root + "/health/live"], null);

        var rows = new List<(Round Get, Round Post)>();
        for (var run = 1; run <= runs; run++)
        {
            var get = await RoundAsync(["-t2", $"-c{connections}", $"-d{seconds}s", "--latency", root + "/health/live"], null, processes, withPostgresAndNginx);
            var post = await RoundAsync(["-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, root], targets, processes, withPostgresAndNginx);
            rows.Add((get, post));
            Console.WriteLine($"run {run}: GET /health/live {get.Describe(perRequestOf)}");
            Console.WriteLine($"run {run}: POST messages    {post.Describe(perRequestOf)}");
        }

        Console.WriteLine();
        Console.WriteLine($"median of {runs} runs (min–max):");
        Spread.Print("GET floor, requests/s", rows.Select(r => r.Get.PerSecond), "N0", nameWidth: 40);
        Spread.Print("POST, posts/s", rows.Select(r => r.Post.PerSecond), "N0", nameWidth: 40);
        Spread.Print("POST p50 ms", rows.Select(r => r.Post.P50Ms), "F2", nameWidth: 40);
        Spread.Print("POST p99 ms", rows.Select(r => r.Post.P99Ms), "F2", nameWidth: 40);
        Spread.Print($"GET {perRequestOf} CPU per request, µs", rows.Select(r => r.Get.CpuMicrosPerRequest(perRequestOf)), "F0", nameWidth: 40);
        Spread.Print($"POST {perRequestOf} CPU per post, µs", rows.Select(r => r.Post.CpuMicrosPerRequest(perRequestOf)), "F0", nameWidth: 40);
        Spread.Print("POST / GET floor, requests/s ratio", rows.Select(r => r.Post.PerSecond / r.Get.PerSecond), "F2", nameWidth: 40);
        var failed = rows.Sum(r => r.Post.Failed + r.Get.Failed);
        Console.WriteLine(failed == 0 ? "every request answered 2xx" : $"{failed} requests answered other than 2xx or failed");
    }

    private sealed record Round(double PerSecond, long Requests, double P50Ms, double P99Ms, long Failed, Dictionary<string, double> CpuSeconds)
    {
        public double CpuMicrosPerRequest(string of) => CpuSeconds[of] * 1e6 / Math.Max(1, Requests);

        public string Describe(string of) =>
            $"{PerSecond,8:N0} req/s, p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms, {CpuMicrosPerRequest(of):F0} µs {of} CPU each; CPU s: " +
            string.Join(", ", CpuSeconds.Select(c => $"{c.Key} {c.Value:F1}")) + (Failed > 0 ? $"; {Failed} not 2xx" : "");
    }

    private static async Task<Round> RoundAsync(string[] wrkArgs, string? targets, Dictionary<string, int[]> processes, bool withPostgresAndNginx)
    {
        var before = Cpu(processes, withPostgresAndNginx);
        var (output, wrkCpu) = await WrkCpuAsync(wrkArgs, targets);
        var after = Cpu(processes, withPostgresAndNginx);
        before["wrk"] = TimeSpan.Zero;
        after["wrk"] = wrkCpu;
        double Number(Regex pattern) => double.Parse(pattern.Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(RequestsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var failed = NonSuccessLine().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        failed += SocketErrors().Match(output) is { Success: true } e ? e.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
        return new Round(Number(RateLine()), requests, Latency(output, "50%"), Latency(output, "99%"), failed,
            after.ToDictionary(c => c.Key, c => (c.Value - before[c.Key]).TotalSeconds));
    }

    private static Dictionary<string, TimeSpan> Cpu(Dictionary<string, int[]> processes, bool withPostgresAndNginx)
    {
        var cpu = processes.ToDictionary(p => p.Key, p => p.Value.Aggregate(TimeSpan.Zero, (sum, pid) => sum + Process.GetProcessById(pid).TotalProcessorTime));
        if (withPostgresAndNginx)
        {
            cpu["postgres"] = ProcessCpu.OfCommand("postgres");
            cpu["nginx"] = ProcessCpu.OfCommand("nginx");
        }

        return cpu;
    }

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static async Task<string> WrkAsync(string[] wrkArgs, string? targets) => (await WrkCpuAsync(wrkArgs, targets)).Output;

    /// <summary>Runs wrk; answers its report and the CPU wrk itself used (the load generator shares the two cores).</summary>
    private static async Task<(string Output, TimeSpan Cpu)> WrkCpuAsync(string[] wrkArgs, string? targets)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in wrkArgs)
            info.ArgumentList.Add(a);
        if (targets is not null)
        {
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(targets);
        }

        var childrenBefore = ChildrenCpu();
        using var wrk = Process.Start(info)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        var error = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0 || !output.Contains("Requests/sec", StringComparison.Ordinal))
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {output}\n{error}");
        // wrk has been reaped by now, so /proc no longer has it: its CPU is in this process's "waited-for children" usage.
        return (output, ChildrenCpu() - childrenBefore);
    }

    private static TimeSpan ChildrenCpu()
    {
        if (GetRUsage(-1, out var usage) != 0)
            return TimeSpan.Zero;
        return TimeSpan.FromMicroseconds((usage.UserSeconds * 1e6) + usage.UserMicros + (usage.SystemSeconds * 1e6) + usage.SystemMicros);
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicros, SystemSeconds, SystemMicros;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    /// <summary>getrusage(2); who = -1 (RUSAGE_CHILDREN): children that have ended and been waited for.</summary>
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, out RUsage usage);

    private static void EnsureWrk()
    {
        if (File.Exists("/usr/bin/wrk"))
            return;
        Console.WriteLine("installing wrk with apt-get");
        Command.Run("apt-get", ["install", "-y", "-qq", "wrk"]);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    /// <summary>
    /// wrk script: each thread reads "token group" lines; each request is the next poster's post with its own client id.
    /// Posting members round-robin, so a thread's connections speak for different members.
    /// </summary>
    private const string PostScript = """
        local targets = {}
        local n = 0
        local thread_id = 0
        local counter = 0
        local next_id = 0

        function setup(thread)
          next_id = next_id + 1
          thread:set("thread_id", next_id)
        end

        function init(args)
          for line in io.lines(args[1]) do
            local token, group = line:match("^(%S+) (%S+)$")
            n = n + 1
            targets[n] = { token = token, path = "/api/groups/" .. group .. "/messages" }
          end
        end

        function request()
          counter = counter + 1
          local t = targets[(counter + thread_id) % n + 1]
          local body = '{"client_id":"w' .. thread_id .. '-' .. counter .. '","type":"text","text":"benchmark post ' .. counter .. '"}'
          return wrk.format("POST", t.path, { ["Authorization"] = "Bearer " .. t.token, ["Content-Type"] = "application/json" }, body)
        end
        """;
}
