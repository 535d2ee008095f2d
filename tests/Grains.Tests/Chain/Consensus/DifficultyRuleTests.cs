using System.Numerics;
using Grains.Chain;
using Grains.Chain.Consensus;

namespace Grains.Tests.Chain.Consensus;

public sealed class DifficultyRuleTests
{
    private const uint Bits = 0x1f00ffff;
    private static readonly BigInteger Limit = CompactTarget.Decode(0x2000ffff);

    [Fact]
    public void Default_teaching_target_means_four_leading_hex_zeros()
    {
        var target = CompactTarget.ToHash(CompactTarget.Decode(Bits)).ToString();
        Assert.StartsWith("0000ffff", target, StringComparison.Ordinal);
        Assert.Equal(new string('0', 56), target[8..]);
    }

    [Theory]
    [InlineData(0x1f00ffffu)]
    [InlineData(0x1d00ffffu)]
    [InlineData(0x207fffffu)]
    [InlineData(0x1b0404cbu)]
    public void Compact_form_round_trips(uint bits) => Assert.Equal(bits, CompactTarget.Encode(CompactTarget.Decode(bits)));

    [Fact]
    public void Compact_form_refuses_negative_and_oversized_targets()
    {
        Assert.False(CompactTarget.TryDecode(0x1f80ffff, out _));
        Assert.False(CompactTarget.TryDecode(0x2200ffff, out _));
        Assert.False(CompactTarget.TryDecode(0x1f000000, out _));
    }

    [Fact]
    public void Blocks_on_schedule_keep_the_target()
    {
        Assert.Equal(Bits, DifficultyRule.Retarget(Bits, 90_000, 90_000, Limit));
    }

    [Fact]
    public void Blocks_twice_as_fast_halve_the_target()
    {
        var next = DifficultyRule.Retarget(Bits, 45_000, 90_000, Limit);
        Assert.Equal(CompactTarget.Decode(Bits) / 2, CompactTarget.Decode(next), new ToleranceComparer());
    }

    [Fact]
    public void Blocks_twice_as_slow_double_the_target()
    {
        var next = DifficultyRule.Retarget(Bits, 180_000, 90_000, Limit);
        Assert.Equal(CompactTarget.Decode(Bits) * 2, CompactTarget.Decode(next), new ToleranceComparer());
    }

    [Fact]
    public void Adjustment_is_clamped_to_a_factor_of_four_either_way()
    {
        var fastest = DifficultyRule.Retarget(Bits, 1, 90_000, Limit);
        Assert.Equal(CompactTarget.Decode(Bits) / 4, CompactTarget.Decode(fastest), new ToleranceComparer());
        var slowest = DifficultyRule.Retarget(Bits, 90_000 * 100, 90_000, Limit);
        Assert.Equal(CompactTarget.Decode(Bits) * 4, CompactTarget.Decode(slowest), new ToleranceComparer());
    }

    [Fact]
    public void Target_never_gets_easier_than_the_network_limit()
    {
        Assert.Equal(Bits, DifficultyRule.Retarget(Bits, 90_000 * 4, 90_000, CompactTarget.Decode(Bits)));
    }

    [Fact]
    public void Rule_retargets_only_at_multiples_of_the_interval_and_measures_the_last_interval()
    {
        var rule = new DifficultyRule(DifficultyMode.Retarget, Bits, interval: 10, targetSpacingMs: 10_000);
        long TimestampAt(long height) => height * 5_000; // twice as fast as the 10 s spacing
        Assert.Equal(0x1e00ffffu, rule.ExpectedBits(9, 0x1e00ffff, TimestampAt));
        var at10 = rule.ExpectedBits(10, Bits, TimestampAt);
        Assert.Equal(CompactTarget.Decode(Bits) / 2, CompactTarget.Decode(at10), new ToleranceComparer());
        Assert.Equal(Bits, new DifficultyRule(DifficultyMode.Fixed, Bits, 10, 10_000).ExpectedBits(10, 0x1e00ffff, TimestampAt));
    }

    /// <summary>Compact form keeps 23 bits of mantissa: equal within one part in 2^15.</summary>
    private sealed class ToleranceComparer : IEqualityComparer<BigInteger>
    {
        public bool Equals(BigInteger x, BigInteger y) => BigInteger.Abs(x - y) <= BigInteger.Max(x, y) >> 15;
        public int GetHashCode(BigInteger obj) => 0;
    }
}
