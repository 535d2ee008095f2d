using System.Security.Cryptography;

namespace Grains.Chain.Model;

/// <summary>An account address: lower-case hex of the first 20 bytes of SHA-256(public key).</summary>
public static class Address
{
    public const int Size = 20;

    /// <summary>The sender of every coinbase: no key hashes to it.</summary>
    public static readonly string Coinbase = new('0', Size * 2);

    public static string FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(publicKey, digest);
        return Convert.ToHexStringLower(digest[..Size]);
    }

    public static bool IsValid(string? address) =>
        address is { Length: Size * 2 } && address.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public static void Write(string address, Span<byte> destination)
    {
        if (!IsValid(address))
            throw new FormatException("an address is 40 lower-case hex digits");
        Convert.FromHexString(address, destination[..Size], out _, out _);
    }

    /// <summary>A deterministic address that no one holds a key for: where a node pays itself until told otherwise.</summary>
    public static string ForLabel(string label)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("reward-address:" + label), digest);
        return Convert.ToHexStringLower(digest[..Size]);
    }
}
