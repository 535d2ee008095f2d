using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using Grains.Chain;
using Grains.Chain.Consensus;
using Grains.Chain.Mining;
using Grains.Chain.Model;

namespace Grains.Tests.Chain.Mining;

public sealed class NonceSearchTests
{
    private static readonly BlockHeader Template = new(1, 7, Hash256.FromBytes(SHA256.HashData("parent"u8)),
        Hash256.FromBytes(SHA256.HashData("root"u8)), 1_735_689_600_123, 0x1f00ffff, 0);

    public static TheoryData<int> Widths()
    {
        var widths = new TheoryData<int> { 1 };
        if (Vector128.IsHardwareAccelerated)
            widths.Add(4);
        if (Vector256.IsHardwareAccelerated)
            widths.Add(8);
        if (NonceSearch.LaneWidth == 16)
            widths.Add(16);
        return widths;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Midstate_hash_equals_SHA256d_of_the_whole_header_for_every_lane_width(int width)
    {
        var search = new NonceSearch(Template);
        var random = new Random(width);
        for (var i = 0; i < 200; i++)
        {
            var nonce = (ulong)random.NextInt64();
            Assert.Equal((Template with { Nonce = nonce }).ComputeHash(), search.HashThroughMidstate(nonce, width));
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Search_finds_the_first_nonce_that_meets_the_target(int width)
    {
        // 0x2000ffff: two leading hex zeros, about one hash in 256 meets it.
        var target = CompactTarget.ToHash(CompactTarget.Decode(0x2000ffff));
        var search = new NonceSearch(Template with { Bits = 0x2000ffff });
        const uint high = 5;
        ulong expected = 0;
        for (uint low = 0; ; low++)
        {
            var candidate = ((ulong)high << 32) | low;
            if ((Template with { Bits = 0x2000ffff, Nonce = candidate }).ComputeHash() <= target)
            {
                expected = candidate;
                break;
            }
        }

        Assert.True(search.TryFind(high, 0, 1 << 20, target, width, out var found));
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Search_reports_nothing_when_no_nonce_in_the_range_meets_the_target()
    {
        var search = new NonceSearch(Template);
        Assert.False(search.TryFind(0, 0, 10_000, Hash256.Zero, out _));
    }

    [Fact]
    public async Task Miner_returns_a_header_that_meets_its_target_and_can_be_cancelled()
    {
        var header = await Miner.FindProofAsync(Template, cores: 2, CancellationToken.None);
        Assert.NotNull(header);
        Assert.True(ProofOfWork.Meets(header.Value.ComputeHash(), header.Value.Bits));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var impossible = Template with { Bits = 0x03000001 };
        Assert.Null(await Miner.FindProofAsync(impossible, cores: 1, cancelled.Token));
    }
}
