using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Grains.Chain.Model;

/// <summary>
/// A block header and its one binary encoding (96 bytes, integers big-endian):
/// version (4) | height (8) | previous hash (32) | merkle root (32) | timestamp, ms since the Unix epoch, UTC (8)
/// | compact target (4) | nonce (8). The block hash is SHA-256(SHA-256(those 96 bytes)).
/// The nonce sits in the second 64-byte SHA-256 block, so miners hash the first block once (the midstate).
/// </summary>
public readonly record struct BlockHeader(
    int Version,
    long Height,
    Hash256 PreviousHash,
    Hash256 MerkleRoot,
    long TimestampMs,
    uint Bits,
    ulong Nonce)
{
    public const int Size = 96;
    public const int CurrentVersion = 1;
    internal const int NonceOffset = 88;

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException("a header needs 96 bytes", nameof(destination));
        BinaryPrimitives.WriteInt32BigEndian(destination, Version);
        BinaryPrimitives.WriteInt64BigEndian(destination[4..], Height);
        PreviousHash.WriteTo(destination[12..]);
        MerkleRoot.WriteTo(destination[44..]);
        BinaryPrimitives.WriteInt64BigEndian(destination[76..], TimestampMs);
        BinaryPrimitives.WriteUInt32BigEndian(destination[84..], Bits);
        BinaryPrimitives.WriteUInt64BigEndian(destination[NonceOffset..], Nonce);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    public static BlockHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
            throw new FormatException("a header has 96 bytes");
        return new BlockHeader(
            BinaryPrimitives.ReadInt32BigEndian(source),
            BinaryPrimitives.ReadInt64BigEndian(source[4..]),
            Hash256.FromBytes(source.Slice(12, 32)),
            Hash256.FromBytes(source.Slice(44, 32)),
            BinaryPrimitives.ReadInt64BigEndian(source[76..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[84..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[NonceOffset..]));
    }

    /// <summary>SHA-256d of the encoded header, through .NET's SHA-256 (validation path; miners use <see cref="Mining.NonceSearch"/>).</summary>
    public Hash256 ComputeHash()
    {
        Span<byte> header = stackalloc byte[Size];
        WriteTo(header);
        return DoubleSha256(header);
    }

    public static Hash256 DoubleSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> first = stackalloc byte[32];
        SHA256.HashData(data, first);
        Span<byte> second = stackalloc byte[32];
        SHA256.HashData(first, second);
        return Hash256.FromBytes(second);
    }
}
