using System.Numerics;

namespace Grains.Chain.Consensus;

/// <summary>
/// The target a block at a given height must carry. Fixed: always the initial target. Retarget: at
/// heights that are multiples of the interval N, the parent's target is scaled by how long the last
/// N blocks took (N - 1 gaps, from block h - N to block h - 1) against how long they should have
/// taken, the ratio clamped to [1/4, 4], and never easier than the initial target; in between,
/// the parent's target carries over.
/// </summary>
public sealed class DifficultyRule
{
    public DifficultyRule(DifficultyMode mode, uint initialBits, int interval, long targetSpacingMs)
    {
        if (mode == DifficultyMode.Retarget && interval < 2)
            throw new ArgumentOutOfRangeException(nameof(interval), "a retarget interval needs at least 2 blocks");
        Mode = mode;
        InitialBits = initialBits;
        Interval = interval;
        TargetSpacingMs = targetSpacingMs;
        PowLimit = CompactTarget.Decode(initialBits);
    }

    public DifficultyMode Mode { get; }
    public uint InitialBits { get; }
    public int Interval { get; }
    public long TargetSpacingMs { get; }
    public BigInteger PowLimit { get; }

    public bool IsRetargetHeight(long height) => Mode == DifficultyMode.Retarget && height >= Interval && height % Interval == 0;

    /// <param name="height">Height of the block being made or checked.</param>
    /// <param name="parentBits">Target of its parent.</param>
    /// <param name="timestampAt">Timestamp of the ancestor at a height, on the new block's own branch.</param>
    public uint ExpectedBits(long height, uint parentBits, Func<long, long> timestampAt)
    {
        if (height == 0 || Mode == DifficultyMode.Fixed)
            return InitialBits;
        if (!IsRetargetHeight(height))
            return parentBits;
        var actual = timestampAt(height - 1) - timestampAt(height - Interval);
        var expected = TargetSpacingMs * (Interval - 1);
        return Retarget(parentBits, actual, expected, PowLimit);
    }

    /// <summary>new target = old target * actual / expected, with actual clamped to [expected / 4, expected * 4].</summary>
    public static uint Retarget(uint parentBits, long actualMs, long expectedMs, BigInteger powLimit)
    {
        if (expectedMs <= 0)
            throw new ArgumentOutOfRangeException(nameof(expectedMs));
        var clamped = Math.Clamp(actualMs, expectedMs / 4, expectedMs * 4);
        var target = CompactTarget.Decode(parentBits) * clamped / expectedMs;
        if (target > powLimit)
            target = powLimit;
        if (target.Sign <= 0)
            target = BigInteger.One;
        return CompactTarget.Encode(target);
    }
}
