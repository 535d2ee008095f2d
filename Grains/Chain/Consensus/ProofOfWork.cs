using System.Numerics;
using Grains.Chain.Model;

namespace Grains.Chain.Consensus;

/// <summary>The proof-of-work rule and the work a proof stands for.</summary>
public static class ProofOfWork
{
    /// <summary>True when the header's hash, read as a big-endian number, is at or below its target.</summary>
    public static bool Meets(Hash256 hash, uint bits) =>
        CompactTarget.TryDecode(bits, out var target) && hash <= CompactTarget.ToHash(target);

    /// <summary>Expected number of hashes to find a proof: 2^256 / (target + 1).</summary>
    public static BigInteger WorkOf(uint bits) => CompactTarget.Two256 / (CompactTarget.Decode(bits) + 1);
}
