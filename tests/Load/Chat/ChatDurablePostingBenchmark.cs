using System.Diagnostics;
using Grains.Interfaces.Chat;
using Grains.Storage;
using Load.Foundation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TestSupport;

namespace Load.Chat;

/// <summary>
/// (b) Durable posting: a silo on a durable PostgreSQL (fsync on), --groups groups with --posters members
/// each posting back to back for --seconds, --runs times; every post is acknowledged only after its batch committed,
/// and each run checks every acknowledged post is in the table. Prints each run and the median and spread of
/// acknowledged messages per second, ack latency and how many rows each commit carried.
/// </summary>
public static class ChatDurablePostingBenchmark
{
    public static async Task RunAsync(string[] arguments)
    {
        var args = new BenchArgs(arguments);
        int groups = args.Int("groups", 1000), posters = args.Int("posters", 4), seconds = args.Int("seconds", 20), runs = args.Int("runs", 3), shards = args.Int("shards", 16);
        Console.WriteLine($"durable posting: {groups} groups x {posters} posters, {seconds} s × {runs} runs, {shards} shards per group [{RepositoryPaths.Configuration} build]");

        using var postgres = PostgresServer.Start(durable: true);
        var connectionString = postgres.CreateDatabaseWithSchema("chat_bench");
        using var host = await BenchSilo.StartAsync(connectionString);
        var grains = host.Grains();

        var clock = Stopwatch.StartNew();
        var groupIds = Enumerable.Range(0, groups).Select(i => $"bench-{i:D4}").ToArray();
        await Parallel.ForEachAsync(groupIds, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) =>
        {
            var group = grains.GetGrain<IGroupGrain>(id);
            await group.CreateAsync(new CreateGroupCommand($"owner-{id}", "owner", id, null, shards));
            await group.UpdateSettingsAsync($"owner-{id}", new GroupSettingsPatch(RateLimit: RateLimitSettings.Off));
            await group.ImportMembersAsync([.. Enumerable.Range(0, posters).Select(p => new MemberProfile($"{id}-p{p}", $"p{p}"))], indexMembers: false);
        });
        Console.WriteLine($"set up {groups} groups in {clock.Elapsed.TotalSeconds:F1} s");

        var slots = groupIds.SelectMany(id => Enumerable.Range(0, posters).Select(p => (Group: grains.GetGrain<IGroupGrain>(id), User: $"{id}-p{p}"))).ToArray();
        await Parallel.ForEachAsync(slots, new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (slot, _) =>
            await slot.Group.PostAsync(slot.User, new MessageDraft("warm-up", MessageTypes.Text, "warm-up")));

        var writer = host.Services.GetRequiredService<MessageBatchWriter>();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var rounds = new List<(double PerSecond, double P50, double P99, double RowsPerCommit)>();
        for (var run = 1; run <= runs; run++)
        {
            long batchesBefore = writer.BatchesWritten, rowsBefore = writer.RowsWritten, acked = 0, failed = 0;
            var latency = new LatencyHistogram();
            var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var postgresCpu = ProcessCpu.OfCommand("postgres");
            var deadline = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
            var start = Stopwatch.GetTimestamp();
            var round = run;
            await Task.WhenAll(slots.Select(async (slot, n) =>
            {
                await Task.Yield();
                for (var i = 0; Stopwatch.GetTimestamp() < deadline; i++)
                {
                    var sent = Stopwatch.GetTimestamp();
                    try
                    {
                        await slot.Group.PostAsync(slot.User, new MessageDraft($"r{round}m{i}", MessageTypes.Text, $"message {i} from poster {n}"));
                        latency.Record(sent, Stopwatch.GetTimestamp());
                        Interlocked.Increment(ref acked);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        if (Interlocked.Increment(ref failed) == 1)
                            Console.WriteLine($"first failure: {ex.Message}");
                    }
                }
            }));
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            long batches = writer.BatchesWritten - batchesBefore, rows = writer.RowsWritten - rowsBefore;
            ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
            postgresCpu = ProcessCpu.OfCommand("postgres") - postgresCpu;

            await using var count = dataSource.CreateCommand($"SELECT count(*) FROM chat_messages WHERE client_id LIKE 'r{round}m%'");
            var stored = (long)(await count.ExecuteScalarAsync())!;
            if (stored != acked)
                throw new InvalidOperationException($"run {run}: {acked} posts acknowledged but {stored} stored");

            Console.WriteLine($"run {run}: acknowledged {acked:N0} posts in {elapsed:F1} s from {slots.Length:N0} concurrent posters: {acked / elapsed:N0} acked/s; failed {failed}; all {stored:N0} in chat_messages");
            Console.WriteLine($"run {run}: ack latency p50 {latency.PercentileMs(0.50):F1} ms, p99 {latency.PercentileMs(0.99):F1} ms; commits {batches:N0} ({rows / (double)Math.Max(1, batches):F0} rows per commit, {batches / elapsed:F0} commits/s)");
            Console.WriteLine($"run {run}: cpu: silo and posters {ownCpu.TotalSeconds:F1} s, postgres {postgresCpu.TotalSeconds:F1} s in {elapsed:F1} s on {Environment.ProcessorCount} cores (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
            rounds.Add((acked / elapsed, latency.PercentileMs(0.50), latency.PercentileMs(0.99), rows / (double)Math.Max(1, batches)));
        }

        Console.WriteLine($"median of {runs} runs (min–max):");
        Spread.Print("acknowledged posts/s", rounds.Select(r => r.PerSecond), "N0");
        Spread.Print("ack p50 ms", rounds.Select(r => r.P50), "F1");
        Spread.Print("ack p99 ms", rounds.Select(r => r.P99), "F1");
        Spread.Print("rows per commit", rounds.Select(r => r.RowsPerCommit), "F0");
        await host.StopAsync();
    }
}
