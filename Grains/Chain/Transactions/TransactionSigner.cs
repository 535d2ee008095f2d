using System.Security.Cryptography;
using Grains.Chain.Model;

namespace Grains.Chain.Transactions;

/// <summary>ECDSA P-256 keys and signatures for transactions, with .NET's own <see cref="ECDsa"/>.</summary>
public static class TransactionSigner
{
    private const int KeysPerThread = 1_024;

    [ThreadStatic]
    private static Dictionary<string, ECDsa>? _keys;

    /// <summary>A new key pair: the private scalar (32 bytes) and the uncompressed public point (65 bytes).</summary>
    public static (byte[] PrivateKey, byte[] PublicKey) CreateKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return (parameters.D!, EncodePoint(parameters.Q));
    }

    /// <summary>The public key (65 bytes) of a private scalar.</summary>
    public static byte[] PublicKeyOf(byte[] privateKey)
    {
        using var key = ImportPrivate(privateKey);
        return EncodePoint(key.ExportParameters(includePrivateParameters: false).Q);
    }

    /// <summary>
    /// Fills in <c>From</c> and the public key from the private key, then signs (with a low s, see <see cref="LowS"/>).
    /// With a <paramref name="memo"/> the transaction is format version 2 and the signature covers the memo; a memo that
    /// <see cref="TransactionMemo"/> refuses throws <see cref="FormatException"/>.
    /// </summary>
    public static Transaction Sign(string chainId, string to, long amount, long fee, long nonce, byte[] privateKey, string? memo = null)
    {
        using var key = ImportPrivate(privateKey);
        var publicKey = EncodePoint(key.ExportParameters(includePrivateParameters: false).Q);
        var unsigned = new Transaction(chainId, Address.FromPublicKey(publicKey), to, amount, fee, nonce, publicKey, [], memo);
        return unsigned.WithSignature(LowS.Normalize(key.SignData(unsigned.SigningBytes(), HashAlgorithmName.SHA256)));
    }

    /// <summary>True when the signature (r | s, 64 bytes) verifies over the signing bytes with the embedded key.</summary>
    public static bool Verify(Transaction transaction)
    {
        var publicKey = transaction.PublicKey;
        if (publicKey.Length != Transaction.PublicKeySize || publicKey[0] != 0x04 || transaction.Signature.Length != Transaction.SignatureSize)
            return false;
        try
        {
            return KeyFor(publicKey).VerifyData(transaction.SigningBytes(), transaction.Signature, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            // Not a point on the curve: no signature can verify against it.
            return false;
        }
    }

    /// <summary>True when the 65 bytes (04 | X | Y) are a point on P-256, so signatures could verify against it.</summary>
    public static bool IsOnCurve(byte[] publicKey)
    {
        if (publicKey.Length != Transaction.PublicKeySize || publicKey[0] != 0x04)
            return false;
        try
        {
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] } });
            key.ExportParameters(includePrivateParameters: false);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Importing a public key costs more than a verification (OpenSSL checks the point), and senders
    /// recur, so each thread keeps the keys it imported lately. Per thread, so no key object is shared.
    /// </summary>
    private static ECDsa KeyFor(byte[] publicKey)
    {
        var cache = _keys ??= new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        var name = Convert.ToBase64String(publicKey);
        if (cache.TryGetValue(name, out var key))
            return key;
        key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
        });
        if (cache.Count >= KeysPerThread)
        {
            foreach (var old in cache.Values)
                old.Dispose();
            cache.Clear();
        }

        cache[name] = key;
        return key;
    }

    private static ECDsa ImportPrivate(byte[] privateKey)
    {
        if (privateKey.Length != 32)
            throw new ArgumentException("a P-256 private key is 32 bytes", nameof(privateKey));
        try
        {
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey });
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("not a valid P-256 private key", nameof(privateKey), ex);
        }
    }

    private static byte[] EncodePoint(ECPoint point) => [0x04, .. point.X!, .. point.Y!];
}
