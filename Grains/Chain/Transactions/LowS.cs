using System.Numerics;
using Grains.Chain.Model;

namespace Grains.Chain.Transactions;

/// <summary>
/// ECDSA signatures are malleable: if (r, s) verifies, so does (r, n - s), which would give the same transfer a
/// second id. The chain accepts only the lower of the two s values (s ≤ n/2), as Bitcoin does, and signs that way.
/// </summary>
public static class LowS
{
    // Order of the P-256 group, big-endian.
    private static readonly byte[] Order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    private static readonly byte[] HalfOrder = Convert.FromHexString("7FFFFFFF800000007FFFFFFFFFFFFFFFDE737D56D38BCF4279DCE5617E3192A8");
    private static readonly BigInteger N = new(Order, isUnsigned: true, isBigEndian: true);

    /// <summary>True when the r ‖ s signature's s is at most n/2.</summary>
    public static bool IsLow(ReadOnlySpan<byte> signature) =>
        signature.Length == Transaction.SignatureSize && signature[32..].SequenceCompareTo(HalfOrder) <= 0;

    /// <summary>The same signature with s replaced by n - s when s is high.</summary>
    public static byte[] Normalize(byte[] signature)
    {
        if (IsLow(signature))
            return signature;
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var low = N - s;
        var result = signature.ToArray();
        result.AsSpan(32).Clear();
        var written = low.GetByteCount(isUnsigned: true);
        low.TryWriteBytes(result.AsSpan(64 - written), out _, isUnsigned: true, isBigEndian: true);
        return result;
    }
}
