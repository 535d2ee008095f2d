using System.Buffers.Binary;
using System.Security.Cryptography;
using Grains.Interfaces.Payments;

namespace Grains.Payments.RedPackets;

/// <summary>
/// Splits a red packet's total into its shares, once, at creation; the claims then take the shares in order.
/// <para>Equal: total / count each, the first (total mod count) shares one unit more.</para>
/// <para>
/// Random, the "double average" rule: with R units and n shares left, a share is drawn uniformly from
/// [1, 2 × R / n) (integer division; at least 1, and never so much that a later share would get nothing); the last
/// share takes what is left. The draws come from HMAC-SHA256(seed, draw number as 8 bytes big-endian), first 8 bytes
/// as an unsigned big-endian number, rejection-sampled into range: anyone with the seed recomputes the same shares.
/// </para>
/// </summary>
public static class RedPacketSplitter
{
    public const int SeedBytes = 32;

    public static long[] Split(long total, int count, RedPacketMode mode, ReadOnlySpan<byte> seed)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), "a red packet has at least one share");
        if (total < count)
            throw new ArgumentOutOfRangeException(nameof(total), "every share is at least one unit");
        return mode == RedPacketMode.Equal ? Equal(total, count) : Random(total, count, seed);
    }

    private static long[] Equal(long total, int count)
    {
        var shares = new long[count];
        var each = total / count;
        var extra = total % count;
        for (var i = 0; i < count; i++)
            shares[i] = each + (i < extra ? 1 : 0);
        return shares;
    }

    private static long[] Random(long total, int count, ReadOnlySpan<byte> seed)
    {
        using var draws = new IncrementalDraws(seed);
        var shares = new long[count];
        var remaining = total;
        for (var i = 0; i < count - 1; i++)
        {
            var left = count - i;
            var upper = Math.Min(2 * (remaining / left), remaining - (left - 1) + 1); // exclusive
            shares[i] = upper <= 2 ? 1 : 1 + draws.Below(upper - 1);
            remaining -= shares[i];
        }

        shares[count - 1] = remaining;
        return shares;
    }

    /// <summary>Uniform numbers below a bound from HMAC-SHA256(seed, counter), without modulo bias.</summary>
    private sealed class IncrementalDraws(ReadOnlySpan<byte> seed) : IDisposable
    {
        private readonly HMACSHA256 _mac = new(seed.ToArray());
        private readonly byte[] _counter = new byte[8];
        private readonly byte[] _digest = new byte[32];
        private ulong _next;

        public long Below(long bound)
        {
            var range = (ulong)bound;
            var limit = ulong.MaxValue - (ulong.MaxValue % range);
            while (true)
            {
                BinaryPrimitives.WriteUInt64BigEndian(_counter, _next++);
                _mac.TryComputeHash(_counter, _digest, out _);
                var value = BinaryPrimitives.ReadUInt64BigEndian(_digest);
                if (value < limit)
                    return (long)(value % range);
            }
        }

        public void Dispose() => _mac.Dispose();
    }
}
