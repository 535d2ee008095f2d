using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using Grains.Chain.Model;

namespace Grains.Chain.Mining;

/// <summary>
/// Searches nonces for one header template. The first 64 header bytes never change while mining, so
/// their SHA-256 state (the midstate) is computed once; so are the first seven rounds of the second
/// block (its first seven words hold the merkle tail, timestamp, target and the nonce's high word) and
/// the message-schedule words that do not depend on the nonce. Each call then hashes many nonces at
/// once, one per SIMD lane, and only lanes whose leading word could meet the target are re-checked.
/// </summary>
public sealed class NonceSearch
{
    private readonly BlockHeader _template;
    private readonly uint[] _midstate = new uint[8];
    private readonly uint[] _tail = new uint[16];

    public NonceSearch(BlockHeader template)
    {
        _template = template;
        Span<byte> bytes = stackalloc byte[128];
        template.WriteTo(bytes);
        Sha256Core.H0.CopyTo(_midstate, 0);
        Sha256Core.Compress(_midstate, bytes[..64]);

        // Second block: 32 header bytes, the 0x80 pad byte, zeros, then the length (768 bits).
        bytes[96] = 0x80;
        bytes[97..120].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(bytes[120..], BlockHeader.Size * 8);
        for (var i = 0; i < 16; i++)
            _tail[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes[(64 + (i * 4))..]);
    }

    /// <summary>Which lane width this machine runs (for benchmark output).</summary>
    public static string Engine => LaneWidth switch
    {
        16 => "AVX-512, 16 lanes",
        8 => "256-bit SIMD, 8 lanes",
        4 => "128-bit SIMD, 4 lanes",
        _ => "scalar",
    };

    public static int LaneWidth { get; } =
        Vector512.IsHardwareAccelerated && Vector512Lanes.IsSupported ? 16
        : Vector256.IsHardwareAccelerated ? 8
        : Vector128.IsHardwareAccelerated ? 4
        : 1;

    /// <summary>
    /// Tries nonces <c>(high &lt;&lt; 32) | low</c> for <paramref name="count"/> values of low from
    /// <paramref name="lowStart"/> (no wrap-around). Returns the first whose header hash is at most
    /// <paramref name="target"/>.
    /// </summary>
    public bool TryFind(uint high, uint lowStart, uint count, Hash256 target, out ulong nonce) =>
        TryFind(high, lowStart, count, target, LaneWidth, out nonce);

    internal bool TryFind(uint high, uint lowStart, uint count, Hash256 target, int width, out ulong nonce)
    {
        if ((ulong)lowStart + count > 1UL << 32)
            throw new ArgumentOutOfRangeException(nameof(count), "the low nonce word must not wrap");

        Span<uint> w = stackalloc uint[64];
        _tail.CopyTo(w);
        w[6] = high;
        for (var i = 16; i <= 21; i++)
            w[i] = Sha256Core.SmallSigma1(w[i - 2]) + w[i - 7] + Sha256Core.SmallSigma0(w[i - 15]) + w[i - 16];
        Span<uint> prefix = stackalloc uint[8];
        _midstate.CopyTo(prefix);
        Sha256Core.Rounds(prefix, w, 0, 7);

        var limit = (uint)(target.A >> 32);
        var low = (ulong)lowStart;
        var end = (ulong)lowStart + count;
        while (low < end)
        {
            var lanes = (end - low) >= (uint)width ? width : 1;
            var groups = (int)Math.Min((end - low) / (uint)lanes, 1 << 16);
            var start = (uint)low;
            var group = lanes switch
            {
                16 => FirstCandidate<Vector512Lanes, Vector512<uint>>(prefix, w, start, groups, limit, out _),
                8 => FirstCandidate<Vector256Lanes, Vector256<uint>>(prefix, w, start, groups, limit, out _),
                4 => FirstCandidate<Vector128Lanes, Vector128<uint>>(prefix, w, start, groups, limit, out _),
                _ => FirstCandidate<ScalarLanes, uint>(prefix, w, start, groups, limit, out _),
            };
            if (group < 0)
            {
                low += (ulong)groups * (uint)lanes;
                continue;
            }

            var groupStart = low + ((ulong)group * (uint)lanes);
            for (var lane = 0; lane < lanes; lane++)
            {
                var candidate = ((ulong)high << 32) | (uint)(groupStart + (uint)lane);
                // Lanes are re-checked in full with the reference hash; the lane filter only looked at one word.
                if ((_template with { Nonce = candidate }).ComputeHash() <= target)
                {
                    nonce = candidate;
                    return true;
                }
            }

            low = groupStart + (uint)lanes;
        }

        nonce = 0;
        return false;
    }

    /// <summary>The header hash for one nonce computed through the midstate path (tests compare it with <see cref="BlockHeader.ComputeHash"/>).</summary>
    public Hash256 HashThroughMidstate(ulong nonce, int width)
    {
        Span<uint> w = stackalloc uint[64];
        _tail.CopyTo(w);
        w[6] = (uint)(nonce >> 32);
        for (var i = 16; i <= 21; i++)
            w[i] = Sha256Core.SmallSigma1(w[i - 2]) + w[i - 7] + Sha256Core.SmallSigma0(w[i - 15]) + w[i - 16];
        Span<uint> prefix = stackalloc uint[8];
        _midstate.CopyTo(prefix);
        Sha256Core.Rounds(prefix, w, 0, 7);
        Span<uint> digest = stackalloc uint[8];
        switch (width)
        {
            case 16:
                DigestOf<Vector512Lanes, Vector512<uint>>(prefix, w, (uint)nonce, digest);
                break;
            case 8:
                DigestOf<Vector256Lanes, Vector256<uint>>(prefix, w, (uint)nonce, digest);
                break;
            case 4:
                DigestOf<Vector128Lanes, Vector128<uint>>(prefix, w, (uint)nonce, digest);
                break;
            default:
                DigestOf<ScalarLanes, uint>(prefix, w, (uint)nonce, digest);
                break;
        }

        Span<byte> bytes = stackalloc byte[32];
        for (var i = 0; i < 8; i++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes[(i * 4)..], digest[i]);
        return Hash256.FromBytes(bytes);
    }

    private void DigestOf<TLanes, TVector>(ReadOnlySpan<uint> prefix, ReadOnlySpan<uint> constants, uint low, Span<uint> digest)
        where TLanes : struct, IHashLanes<TVector>
        where TVector : unmanaged
    {
        Span<TVector> output = stackalloc TVector[8];
        HashGroup<TLanes, TVector>(prefix, constants, TLanes.Counting(low), output);
        for (var i = 0; i < 8; i++)
            digest[i] = System.Runtime.CompilerServices.Unsafe.As<TVector, uint>(ref output[i]);
    }

    private int FirstCandidate<TLanes, TVector>(ReadOnlySpan<uint> prefix, ReadOnlySpan<uint> constants, uint low, int groups, uint limit, out ulong mask)
        where TLanes : struct, IHashLanes<TVector>
        where TVector : unmanaged
    {
        Span<TVector> digest = stackalloc TVector[8];
        var step = (uint)TLanes.Width;
        for (var group = 0; group < groups; group++)
        {
            HashGroup<TLanes, TVector>(prefix, constants, TLanes.Counting(low + ((uint)group * step)), digest, firstWordOnly: true);
            mask = TLanes.AtMost(digest[0], limit);
            if (mask != 0)
                return group;
        }

        mask = 0;
        return -1;
    }

    /// <summary>SHA-256d of the header for one group of nonces (the low nonce word per lane).</summary>
    private void HashGroup<TLanes, TVector>(ReadOnlySpan<uint> prefix, ReadOnlySpan<uint> constants, TVector nonceLow, Span<TVector> digest, bool firstWordOnly = false)
        where TLanes : struct, IHashLanes<TVector>
        where TVector : unmanaged
    {
        var k = Sha256Core.K;
        Span<TVector> w = stackalloc TVector[64];
        for (var i = 0; i < 22; i++)
            w[i] = TLanes.Splat(constants[i]);
        w[7] = nonceLow;
        for (var i = 22; i < 64; i++)
            w[i] = TLanes.Add(TLanes.Add(TLanes.SmallSigma1(w[i - 2]), w[i - 7]), TLanes.Add(TLanes.SmallSigma0(w[i - 15]), w[i - 16]));

        TVector a = TLanes.Splat(prefix[0]), b = TLanes.Splat(prefix[1]), c = TLanes.Splat(prefix[2]), d = TLanes.Splat(prefix[3]);
        TVector e = TLanes.Splat(prefix[4]), f = TLanes.Splat(prefix[5]), g = TLanes.Splat(prefix[6]), h = TLanes.Splat(prefix[7]);
        for (var i = 7; i < 64; i++)
        {
            var t1 = TLanes.Add(TLanes.Add(h, TLanes.BigSigma1(e)), TLanes.Add(TLanes.Choose(e, f, g), TLanes.Add(TLanes.Splat(k[i]), w[i])));
            var t2 = TLanes.Add(TLanes.BigSigma0(a), TLanes.Majority(a, b, c));
            h = g;
            g = f;
            f = e;
            e = TLanes.Add(d, t1);
            d = c;
            c = b;
            b = a;
            a = TLanes.Add(t1, t2);
        }

        // Second SHA-256 over the 32-byte first digest: one block, its padding constant.
        w[0] = TLanes.Add(a, TLanes.Splat(_midstate[0]));
        w[1] = TLanes.Add(b, TLanes.Splat(_midstate[1]));
        w[2] = TLanes.Add(c, TLanes.Splat(_midstate[2]));
        w[3] = TLanes.Add(d, TLanes.Splat(_midstate[3]));
        w[4] = TLanes.Add(e, TLanes.Splat(_midstate[4]));
        w[5] = TLanes.Add(f, TLanes.Splat(_midstate[5]));
        w[6] = TLanes.Add(g, TLanes.Splat(_midstate[6]));
        w[7] = TLanes.Add(h, TLanes.Splat(_midstate[7]));
        w[8] = TLanes.Splat(0x80000000u);
        var zero = TLanes.Splat(0);
        for (var i = 9; i < 15; i++)
            w[i] = zero;
        w[15] = TLanes.Splat(256);
        for (var i = 16; i < 64; i++)
            w[i] = TLanes.Add(TLanes.Add(TLanes.SmallSigma1(w[i - 2]), w[i - 7]), TLanes.Add(TLanes.SmallSigma0(w[i - 15]), w[i - 16]));

        var iv = Sha256Core.H0;
        a = TLanes.Splat(iv[0]);
        b = TLanes.Splat(iv[1]);
        c = TLanes.Splat(iv[2]);
        d = TLanes.Splat(iv[3]);
        e = TLanes.Splat(iv[4]);
        f = TLanes.Splat(iv[5]);
        g = TLanes.Splat(iv[6]);
        h = TLanes.Splat(iv[7]);
        for (var i = 0; i < 64; i++)
        {
            var t1 = TLanes.Add(TLanes.Add(h, TLanes.BigSigma1(e)), TLanes.Add(TLanes.Choose(e, f, g), TLanes.Add(TLanes.Splat(k[i]), w[i])));
            var t2 = TLanes.Add(TLanes.BigSigma0(a), TLanes.Majority(a, b, c));
            h = g;
            g = f;
            f = e;
            e = TLanes.Add(d, t1);
            d = c;
            c = b;
            b = a;
            a = TLanes.Add(t1, t2);
        }

        digest[0] = TLanes.Add(a, TLanes.Splat(iv[0]));
        if (firstWordOnly)
            return;
        digest[1] = TLanes.Add(b, TLanes.Splat(iv[1]));
        digest[2] = TLanes.Add(c, TLanes.Splat(iv[2]));
        digest[3] = TLanes.Add(d, TLanes.Splat(iv[3]));
        digest[4] = TLanes.Add(e, TLanes.Splat(iv[4]));
        digest[5] = TLanes.Add(f, TLanes.Splat(iv[5]));
        digest[6] = TLanes.Add(g, TLanes.Splat(iv[6]));
        digest[7] = TLanes.Add(h, TLanes.Splat(iv[7]));
    }
}
