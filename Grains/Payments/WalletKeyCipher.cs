using System.Security.Cryptography;
using System.Text;

namespace Grains.Payments;

/// <summary>
/// Encrypts custodial private keys at rest with AES-256-GCM. The key is derived from <c>Wallet:EncryptionKey</c> with
/// HKDF-SHA256, and each ciphertext is bound to its wallet's id (associated data), so a stored key copied into another
/// wallet's row does not decrypt.
/// </summary>
public sealed class WalletKeyCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("chain-chat wallet keys v1");
    private readonly byte[] _key;

    public WalletKeyCipher(string secret, bool generated)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Info);
        Generated = generated;
    }

    /// <summary>True when no key was configured and this process made one up: what it encrypts dies with it.</summary>
    public bool Generated { get; }

    public static WalletKeyCipher From(WalletOptions options) =>
        string.IsNullOrEmpty(options.EncryptionKey)
            ? new WalletKeyCipher(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), generated: true)
            : new WalletKeyCipher(options.EncryptionKey, generated: false);

    public byte[] Protect(ReadOnlySpan<byte> privateKey, string walletId)
    {
        var sealedKey = new byte[NonceSize + TagSize + privateKey.Length];
        var nonce = sealedKey.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, privateKey, sealedKey.AsSpan(NonceSize + TagSize), sealedKey.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(walletId));
        return sealedKey;
    }

    /// <summary>The private key; throws <see cref="CryptographicException"/> with another encryption key or another wallet's id.</summary>
    public byte[] Unprotect(ReadOnlySpan<byte> sealedKey, string walletId)
    {
        if (sealedKey.Length <= NonceSize + TagSize)
            throw new CryptographicException("the stored wallet key is truncated");
        var privateKey = new byte[sealedKey.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedKey[..NonceSize], sealedKey[(NonceSize + TagSize)..], sealedKey.Slice(NonceSize, TagSize), privateKey, Encoding.UTF8.GetBytes(walletId));
        return privateKey;
    }
}
