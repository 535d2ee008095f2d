using Grains.Chat.Posting;
using Grains.Interfaces.Chat;

namespace Grains.Tests.Chat.Posting;

public sealed class RateLimitBucketsTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitSettings OnePerMinute = new(1, 60, 1);
    private readonly RateLimitBuckets _buckets = new();

    [Fact]
    public void Each_member_has_their_own_bucket()
    {
        Assert.True(_buckets.Take("alice", OnePerMinute, Now).Allowed);
        Assert.False(_buckets.Take("alice", OnePerMinute, Now).Allowed);
        Assert.True(_buckets.Take("bob", OnePerMinute, Now).Allowed);
    }

    [Fact]
    public void A_member_who_leaves_comes_back_with_a_full_bucket()
    {
        _buckets.Take("alice", OnePerMinute, Now);

        _buckets.Forget("alice");

        Assert.True(_buckets.Take("alice", OnePerMinute, Now).Allowed);
    }

    [Fact]
    public void A_switched_off_limit_allows_everything_and_keeps_no_bucket()
    {
        for (var i = 0; i < 10; i++)
            Assert.True(_buckets.Take("alice", RateLimitSettings.Off, Now).Allowed);

        Assert.Equal(0, _buckets.Count);
    }
}
