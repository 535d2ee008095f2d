using Grains.Interfaces.Payments;
using Grains.Payments.RedPackets;

namespace Grains.Tests.Payments;

public sealed class RedPacketSplitterTests
{
    private static readonly byte[] Seed = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    [Theory]
    [InlineData(100L, 1)]
    [InlineData(100L, 100)]
    [InlineData(1_000_000_000L, 100)]
    [InlineData(10_000L, 7)]
    [InlineData(1_000_000_000_000L, 10_000)]
    public void Random_shares_sum_to_the_total_and_each_is_at_least_one_unit(long total, int count)
    {
        var shares = RedPacketSplitter.Split(total, count, RedPacketMode.Random, Seed);
        Assert.Equal(count, shares.Length);
        Assert.Equal(total, shares.Sum());
        Assert.All(shares, s => Assert.True(s >= 1));
    }

    [Fact]
    public void Every_random_share_but_the_last_stays_under_twice_the_average_of_what_was_left()
    {
        var shares = RedPacketSplitter.Split(1_000_000, 50, RedPacketMode.Random, Seed);
        var remaining = 1_000_000L;
        for (var i = 0; i < shares.Length - 1; i++)
        {
            Assert.InRange(shares[i], 1, Math.Max(1, 2 * (remaining / (shares.Length - i)) - 1));
            remaining -= shares[i];
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        var first = RedPacketSplitter.Split(5_000_000, 20, RedPacketMode.Random, Seed);
        Assert.Equal(first, RedPacketSplitter.Split(5_000_000, 20, RedPacketMode.Random, Seed));
        var other = (byte[])Seed.Clone();
        other[0] ^= 1;
        Assert.NotEqual(first, RedPacketSplitter.Split(5_000_000, 20, RedPacketMode.Random, other));
    }

    [Fact]
    public void Equal_shares_differ_by_at_most_one_unit_and_the_larger_come_first()
    {
        var shares = RedPacketSplitter.Split(103, 10, RedPacketMode.Equal, Seed);
        Assert.Equal([11, 11, 11, 10, 10, 10, 10, 10, 10, 10], shares);
    }

    [Fact]
    public void Random_shares_are_spread_around_the_average_not_piled_on_the_last()
    {
        var seeds = Enumerable.Range(0, 200).Select(i => System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))).ToList();
        var firstShares = seeds.Select(s => RedPacketSplitter.Split(1_000_000, 10, RedPacketMode.Random, s)[0]).ToList();
        var mean = firstShares.Average();

        // The first share is uniform on [1, 200000): its mean is near 100,000 (the average), not near 1 or 200,000.
        Assert.InRange(mean, 85_000, 115_000);
        Assert.True(firstShares.Distinct().Count() > 190);
    }

    [Fact]
    public void A_total_smaller_than_the_share_count_cannot_be_split()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RedPacketSplitter.Split(9, 10, RedPacketMode.Random, Seed));
        Assert.Throws<ArgumentOutOfRangeException>(() => RedPacketSplitter.Split(9, 0, RedPacketMode.Equal, Seed));
    }
}
