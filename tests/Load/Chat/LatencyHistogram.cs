using System.Diagnostics;

namespace Load.Chat;

/// <summary>Thread-safe latency counts in 0.1 ms buckets up to 30 s.</summary>
internal sealed class LatencyHistogram
{
    private const int BucketsPerMs = 10;
    private readonly long[] _buckets = new long[30_000 * BucketsPerMs + 1];

    public void Record(long fromTimestamp, long toTimestamp)
    {
        var ms = (toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency;
        var bucket = (int)Math.Clamp(ms * BucketsPerMs, 0, _buckets.Length - 1);
        Interlocked.Increment(ref _buckets[bucket]);
    }

    public long Count => _buckets.Sum();

    public void Reset() => Array.Clear(_buckets);

    public double PercentileMs(double p)
    {
        var total = Count;
        if (total == 0)
            return double.NaN;
        var target = (long)Math.Ceiling(total * p);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= target)
                return (i + 1) / (double)BucketsPerMs;
        }

        return _buckets.Length / (double)BucketsPerMs;
    }
}
