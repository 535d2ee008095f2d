using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using Grains.Chain.Mining;
using Grains.Chain.Model;

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
        var cores = Environment.ProcessorCount;
        var header = new BlockHeader(1, 42, Hash256.FromBytes(SHA256.HashData("prev"u8)), Hash256.FromBytes(SHA256.HashData("merkle"u8)),
            1_735_689_600_000, 0x1f00ffff, 0);
        Console.WriteLine($"chain-hash: SHA-256d of a {BlockHeader.Size}-byte header, {seconds:0.#} s per figure, {cores} cores, engine {NonceSearch.Engine}");

        var naiveOne = Measure(1, seconds, (core, stop) => Naive(header, core, stop));
        var midOne = Measure(1, seconds, (core, stop) => Midstate(header, core, stop));
        var naiveAll = Measure(cores, seconds, (core, stop) => Naive(header, core, stop));
        var midAll = Measure(cores, seconds, (core, stop) => Midstate(header, core, stop));

        Console.WriteLine($"  one HashData pair per nonce, 1 core : {naiveOne / 1e6,8:0.00} M hashes/s");
        Console.WriteLine($"  midstate + lanes,            1 core : {midOne / 1e6,8:0.00} M hashes/s  ({midOne / naiveOne:0.0}x)");
        Console.WriteLine($"  one HashData pair per nonce, {cores} cores: {naiveAll / 1e6,8:0.00} M hashes/s");
        Console.WriteLine($"  midstate + lanes,            {cores} cores: {midAll / 1e6,8:0.00} M hashes/s  ({midAll / naiveAll:0.0}x)");
        return Task.CompletedTask;
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
