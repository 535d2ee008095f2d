using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Grains.Chain.Model;

/// <summary>
/// A 256-bit value held as four big-endian words: a block or transaction hash, or a proof-of-work target.
/// Ordering is numeric with the first byte most significant, so "4 leading hex zeros" reads as it looks.
/// </summary>
public readonly record struct Hash256(ulong A, ulong B, ulong C, ulong D) : IComparable<Hash256>
{
    public const int Size = 32;

    public static Hash256 Zero => default;

    public static Hash256 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException("a 256-bit value has 32 bytes", nameof(bytes));
        return new Hash256(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool TryParse([NotNullWhen(true)] string? hex, out Hash256 value)
    {
        value = default;
        if (hex is null || hex.Length != Size * 2)
            return false;
        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
            return false;
        value = FromBytes(bytes);
        return true;
    }

    public int CompareTo(Hash256 other)
    {
        var c = A.CompareTo(other.A);
        if (c != 0)
            return c;
        c = B.CompareTo(other.B);
        if (c != 0)
            return c;
        c = C.CompareTo(other.C);
        return c != 0 ? c : D.CompareTo(other.D);
    }

    public static bool operator <(Hash256 left, Hash256 right) => left.CompareTo(right) < 0;
    public static bool operator >(Hash256 left, Hash256 right) => left.CompareTo(right) > 0;
    public static bool operator <=(Hash256 left, Hash256 right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Hash256 left, Hash256 right) => left.CompareTo(right) >= 0;
}
