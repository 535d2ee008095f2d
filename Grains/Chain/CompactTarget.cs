using System.Numerics;
using Grains.Chain.Model;

namespace Grains.Chain;

/// <summary>
/// The compact ("bits") form of a proof-of-work target, as Bitcoin writes it: one exponent byte E and a
/// 23-bit mantissa M, target = M * 256^(E - 3). The default teaching target 0x1f00ffff is
/// 0x0000ffff followed by zeros: a hash must start with four hex zeros.
/// </summary>
public static class CompactTarget
{
    public static readonly BigInteger Two256 = BigInteger.One << 256;

    /// <summary>Decodes bits; false for a negative, zero or larger-than-256-bit target.</summary>
    public static bool TryDecode(uint bits, out BigInteger target)
    {
        var exponent = (int)(bits >> 24);
        var mantissa = bits & 0x007fffff;
        target = BigInteger.Zero;
        if ((bits & 0x00800000) != 0 || mantissa == 0)
            return false;
        target = exponent <= 3
            ? new BigInteger(mantissa >> (8 * (3 - exponent)))
            : new BigInteger(mantissa) << (8 * (exponent - 3));
        return target.Sign > 0 && target < Two256;
    }

    public static BigInteger Decode(uint bits) =>
        TryDecode(bits, out var target) ? target : throw new ArgumentException($"0x{bits:x8} is not a valid compact target", nameof(bits));

    /// <summary>Encodes a positive target, rounding down to what 23 bits of mantissa can hold.</summary>
    public static uint Encode(BigInteger target)
    {
        if (target.Sign <= 0 || target >= Two256)
            throw new ArgumentOutOfRangeException(nameof(target), "a target is between 1 and 2^256 - 1");
        var size = (int)((target.GetBitLength() + 7) / 8);
        uint mantissa = size <= 3
            ? (uint)(target << (8 * (3 - size)))
            : (uint)(target >> (8 * (size - 3)));
        // The mantissa's top bit is a sign bit in this format: move one byte into the exponent instead.
        if ((mantissa & 0x00800000) != 0)
        {
            mantissa >>= 8;
            size++;
        }

        return ((uint)size << 24) | mantissa;
    }

    public static Hash256 ToHash(BigInteger target)
    {
        var bytes = new byte[32];
        target.TryWriteBytes(bytes.AsSpan(32 - target.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return Hash256.FromBytes(bytes);
    }

    public static BigInteger ToInteger(Hash256 value) => new(value.ToArray(), isUnsigned: true, isBigEndian: true);
}
