using System.Diagnostics;
using Grains.Interfaces.Chat;
using Load.Foundation;
using TestSupport;

namespace Load.Chat;

/// <summary>
/// (c) Memory per member: imports --members members into one group on PostgreSQL, then --runs times restarts the
/// silo and measures the managed heap before and after the group's shards load their slices from the member rows,
/// and times ordinary joins into the full group. Prints each run and the median and spread.
/// </summary>
public static class ChatMemoryBenchmark
{
    public static async Task RunAsync(string[] arguments)
    {
        var args = new BenchArgs(arguments);
        int members = args.Int("members", 1_000_000), shards = args.Int("shards", 16), runs = args.Int("runs", 3);
        Console.WriteLine($"memory: {members:N0} members in one group, {shards} shards, {runs} silo restarts [{RepositoryPaths.Configuration} build]");

        using var postgres = PostgresServer.Start();
        var connectionString = postgres.CreateDatabaseWithSchema("chat_memory");
        const string groupId = "million";

        var clock = Stopwatch.StartNew();
        using (var host = await BenchSilo.StartAsync(connectionString))
        {
            var group = host.Grains().GetGrain<IGroupGrain>(groupId);
            await group.CreateAsync(new CreateGroupCommand("owner", "owner", "a million members", null, shards));
            for (var offset = 0; offset < members - 1; offset += 25_000)
            {
                var count = Math.Min(25_000, members - 1 - offset);
                await group.ImportMembersAsync([.. Enumerable.Range(offset, count).Select(i => new MemberProfile($"user{i:D7}", $"user{i:D7}"))], indexMembers: false);
            }

            Console.WriteLine($"imported {(await group.GetAsync()).MemberCount:N0} members in {clock.Elapsed.TotalSeconds:F1} s");
            await host.StopAsync();
        }

        var rounds = new List<(double BytesPerMember, double LoadSeconds, double JoinMedianMs)>();
        for (var run = 1; run <= runs; run++)
        {
            using var restarted = await BenchSilo.StartAsync(connectionString);
            var grains = restarted.Grains();
            await grains.GetGrain<IGroupGrain>("warm-up").GetAsync().ContinueWith(_ => { }, TaskScheduler.Default);
            var before = Heap();
            clock.Restart();
            var view = await grains.GetGrain<IGroupGrain>(groupId).GetAsync();
            var loadTime = clock.Elapsed;
            var after = Heap();
            var perMember = (after - before) / (double)view.MemberCount;
            Console.WriteLine($"run {run}: after a silo restart the group's {shards} shards loaded {view.MemberCount:N0} members in {loadTime.TotalSeconds:F1} s");
            Console.WriteLine($"run {run}: managed heap {before / 1048576.0:F0} MiB before, {after / 1048576.0:F0} MiB after: {perMember:F0} bytes per member");

            var joins = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                clock.Restart();
                await grains.GetGrain<IGroupGrain>(groupId).JoinAsync(new MemberProfile($"latecomer{run}x{i}", $"latecomer{run}x{i}"));
                joins.Add(clock.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"run {run}: ordinary joins into the {view.MemberCount:N0}-member group (one member row, the member's own state, a join notice): first {joins[0]:F1} ms, median {Spread.Median(joins):F1} ms, max {joins.Max():F1} ms over 20");
            rounds.Add((perMember, loadTime.TotalSeconds, Spread.Median(joins)));
            await restarted.StopAsync();
        }

        Console.WriteLine($"median of {runs} runs (min–max):");
        Spread.Print("bytes per member", rounds.Select(r => r.BytesPerMember), "F0");
        Spread.Print("load after restart, s", rounds.Select(r => r.LoadSeconds), "F1");
        Spread.Print("join into the full group, median ms", rounds.Select(r => r.JoinMedianMs), "F1");
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
