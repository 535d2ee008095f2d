using System.Security.Cryptography;
using Grains.Payments;

namespace Grains.Tests.Payments;

public sealed class WalletKeyCipherTests
{
    private const string Secret = "wallet-key-cipher-tests-secret-0123456789";

    [Fact]
    public void A_sealed_key_opens_with_the_same_secret_for_the_same_wallet_only()
    {
        var privateKey = RandomNumberGenerator.GetBytes(32);
        var cipher = new WalletKeyCipher(Secret, generated: false);
        var sealedKey = cipher.Protect(privateKey, "u/alice");

        Assert.DoesNotContain(Convert.ToHexString(privateKey), Convert.ToHexString(sealedKey), StringComparison.Ordinal);
        Assert.Equal(privateKey, new WalletKeyCipher(Secret, generated: false).Unprotect(sealedKey, "u/alice"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(sealedKey, "u/mallory"));
        Assert.ThrowsAny<CryptographicException>(() => new WalletKeyCipher(Secret + "!", generated: false).Unprotect(sealedKey, "u/alice"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(sealedKey.AsSpan(0, 20), "u/alice"));
        var tampered = (byte[])sealedKey.Clone();
        tampered[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(tampered, "u/alice"));
    }

    [Fact]
    public void Sealing_twice_gives_two_ciphertexts_and_without_a_secret_the_cipher_says_it_made_one_up()
    {
        var privateKey = RandomNumberGenerator.GetBytes(32);
        var cipher = WalletKeyCipher.From(new WalletOptions { EncryptionKey = Secret });
        Assert.False(cipher.Generated);
        Assert.NotEqual(cipher.Protect(privateKey, "u/a"), cipher.Protect(privateKey, "u/a"));

        var made = WalletKeyCipher.From(new WalletOptions());
        Assert.True(made.Generated);
        Assert.Equal(privateKey, made.Unprotect(made.Protect(privateKey, "u/a"), "u/a"));
        Assert.ThrowsAny<CryptographicException>(() => WalletKeyCipher.From(new WalletOptions()).Unprotect(made.Protect(privateKey, "u/a"), "u/a"));
    }
}
