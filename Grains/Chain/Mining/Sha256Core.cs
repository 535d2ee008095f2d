using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Grains.Chain.Mining;

/// <summary>
/// The SHA-256 compression function (FIPS 180-4), written out so mining can keep the midstate of a
/// header's constant first 64 bytes; .NET's <c>SHA256</c> does not expose it. Tests check it against
/// <c>SHA256.HashData</c>.
/// </summary>
public static class Sha256Core
{
    /// <summary>Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.</summary>
    public static IReadOnlyList<uint> RoundConstants => K;

    /// <summary>Initial hash value: the first 32 bits of the fractional parts of the square roots of the first 8 primes.</summary>
    public static IReadOnlyList<uint> InitialHash => H0;

    internal static readonly uint[] K = FractionalRootBits(64, root: 3);
    internal static readonly uint[] H0 = FractionalRootBits(8, root: 2);

    /// <summary>Runs the compression function over one 64-byte block, updating <paramref name="state"/> (8 words).</summary>
    public static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        if (block.Length < 64)
            throw new ArgumentException("a SHA-256 block has 64 bytes", nameof(block));
        Span<uint> w = stackalloc uint[64];
        for (var i = 0; i < 16; i++)
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        CompressWords(state, w);
    }

    /// <summary>Compression over a block given as 16 big-endian words; <paramref name="w"/> must have room for 64.</summary>
    internal static void CompressWords(Span<uint> state, Span<uint> w)
    {
        for (var i = 16; i < 64; i++)
            w[i] = SmallSigma1(w[i - 2]) + w[i - 7] + SmallSigma0(w[i - 15]) + w[i - 16];

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (var i = 0; i < 64; i++)
        {
            var t1 = h + BigSigma1(e) + Choose(e, f, g) + K[i] + w[i];
            var t2 = BigSigma0(a) + Majority(a, b, c);
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }

    /// <summary>Runs rounds [<paramref name="from"/>, <paramref name="to"/>) on working variables (no feed-forward).</summary>
    internal static void Rounds(Span<uint> working, ReadOnlySpan<uint> w, int from, int to)
    {
        uint a = working[0], b = working[1], c = working[2], d = working[3], e = working[4], f = working[5], g = working[6], h = working[7];
        for (var i = from; i < to; i++)
        {
            var t1 = h + BigSigma1(e) + Choose(e, f, g) + K[i] + w[i];
            var t2 = BigSigma0(a) + Majority(a, b, c);
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        working[0] = a;
        working[1] = b;
        working[2] = c;
        working[3] = d;
        working[4] = e;
        working[5] = f;
        working[6] = g;
        working[7] = h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint BigSigma0(uint x) => BitOperations.RotateRight(x, 2) ^ BitOperations.RotateRight(x, 13) ^ BitOperations.RotateRight(x, 22);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint BigSigma1(uint x) => BitOperations.RotateRight(x, 6) ^ BitOperations.RotateRight(x, 11) ^ BitOperations.RotateRight(x, 25);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint SmallSigma0(uint x) => BitOperations.RotateRight(x, 7) ^ BitOperations.RotateRight(x, 18) ^ (x >> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint SmallSigma1(uint x) => BitOperations.RotateRight(x, 17) ^ BitOperations.RotateRight(x, 19) ^ (x >> 10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Choose(uint e, uint f, uint g) => (e & f) ^ (~e & g);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Majority(uint a, uint b, uint c) => (a & b) ^ (a & c) ^ (b & c);

    // The constants are derived exactly (integer roots of p * 2^(32*root)) rather than typed in, so a
    // typo cannot hide in a table of 72 hex numbers.
    private static uint[] FractionalRootBits(int count, int root)
    {
        var result = new uint[count];
        var found = 0;
        for (var candidate = 2; found < count; candidate++)
        {
            if (!IsPrime(candidate))
                continue;
            var scaled = new BigInteger(candidate) << (32 * root);
            var integerRoot = IntegerRoot(scaled, root);
            result[found++] = (uint)(integerRoot & uint.MaxValue);
        }

        return result;
    }

    private static bool IsPrime(int n)
    {
        for (var d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
                return false;
        }

        return true;
    }

    private static BigInteger IntegerRoot(BigInteger value, int root)
    {
        // Newton's method from above converges to floor(value^(1/root)).
        var x = BigInteger.One << (int)((value.GetBitLength() + root - 1) / root + 1);
        while (true)
        {
            var next = ((root - 1) * x + value / BigInteger.Pow(x, root - 1)) / root;
            if (next >= x)
                return x;
            x = next;
        }
    }
}
