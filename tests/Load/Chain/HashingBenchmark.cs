using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using Grains.Chain.Mining;
using Grains.Chain.Model;
using Load.Foundation;

namespace Load.Chain;

/// <summary>
/// Header hashes per second: one <c>SHA256.HashData</c> pair per nonce (the naive miner) next to the
/// midstate + SIMD-lane search the node's miner uses, on one core and on all cores, in the same run.
/// </summary>
public static class HashingBenchmark
{
    public static Task RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3.0;
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var cores = Environment.ProcessorCount;
        var header = new BlockHeader(1, 42, Hash256.FromBytes(SHA256.HashData("prev"u8)), Hash256.FromBytes(SHA256.HashData("merkle"u8)),
            1_735_689_600_000, 0x1f00ffff, 0);
        Console.WriteLine($"chain-hash: SHA-256d of a {BlockHeader.Size}-byte header, {seconds:0.#} s per figure, {runs} runs, {cores} cores, engine {NonceSearch.Engine}");
        Console.WriteLine($"machine: {Machine()}");

        var figures = new List<double[]>();
        for (var run = 1; run <= runs; run++)
        {
            var naiveOne = Measure(1, seconds, (core, stop) => Naive(header, core, stop));
            var midOne = Measure(1, seconds, (core, stop) => Midstate(header, core, stop));
            var naiveAll = Measure(cores, seconds, (core, stop) => Naive(header, core, stop));
            var midAll = Measure(cores, seconds, (core, stop) => Midstate(header, core, stop));
            figures.Add([naiveOne, midOne, naiveAll, midAll]);
            Console.WriteLine($"run {run}: per nonce 1 core {naiveOne / 1e6:0.00} M/s, midstate 1 core {midOne / 1e6:0.00} M/s, per nonce {cores} cores {naiveAll / 1e6:0.00} M/s, midstate {cores} cores {midAll / 1e6:0.00} M/s");
        }

        Console.WriteLine($"median of {runs} runs (min–max), M header hashes/s:");
        string[] names = ["one HashData pair per nonce, 1 core", "midstate + lanes, 1 core", $"one HashData pair per nonce, {cores} cores", $"midstate + lanes, {cores} cores"];
        for (var i = 0; i < names.Length; i++)
            Spread.Print(names[i], figures.Select(f => f[i] / 1e6), "0.00");

        return Task.CompletedTask;
    }

    /// <summary>The CPU model and whether it has the SHA extensions, from /proc/cpuinfo.</summary>
    private static string Machine()
    {
        try
        {
            var info = File.ReadAllLines("/proc/cpuinfo");
            var model = info.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
            var flags = info.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
            return $"{model}, {Environment.ProcessorCount} cores, SHA extensions {(flags.Contains(" sha_ni", StringComparison.Ordinal) ? "yes" : "no")}, AVX2 {(flags.Contains(" avx2", StringComparison.Ordinal) ? "yes" : "no")}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static double Measure(int threads, double seconds, Func<int, Func<bool>, long> work)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        bool Stop() => Stopwatch.GetTimestamp() >= deadline;
        var counts = new long[threads];
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads)
            .Select(i => new Thread(() => counts[i] = work(i, Stop)) { IsBackground = true })
            .ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return counts.Sum() / watch.Elapsed.TotalSeconds;
    }

    private static long Naive(BlockHeader header, int core, Func<bool> stop)
    {
        Span<byte> bytes = stackalloc byte[BlockHeader.Size];
        Span<byte> first = stackalloc byte[32];
        Span<byte> second = stackalloc byte[32];
        header.WriteTo(bytes);
        var nonce = (ulong)core << 32;
        long done = 0;
        while (!stop())
        {
            for (var i = 0; i < 4096; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(bytes[88..], nonce++);
                SHA256.HashData(bytes, first);
                SHA256.HashData(first, second);
            }

            done += 4096;
        }

        return done;
    }

    private static long Midstate(BlockHeader header, int core, Func<bool> stop)
    {
        // A target no hash meets, so every nonce is hashed and none ends the sweep early.
        var search = new NonceSearch(header);
        const uint slice = 1 << 20;
        long done = 0;
        uint low = 0;
        while (!stop())
        {
            search.TryFind((uint)core, low, slice, Hash256.Zero, out _);
            low += slice;
            done += slice;
        }

        return done;
    }
}
