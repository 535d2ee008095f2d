using Grains.Chat.Posting;
using Grains.Interfaces.Chat;

namespace Grains.Tests.Chat.Posting;

public sealed class RateLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Burst_allows_that_many_at_once_then_refuses_with_the_wait_until_the_next_token()
    {
        var settings = new RateLimitSettings(Messages: 1, PeriodSeconds: 5, Burst: 3);
        TokenBucket? bucket = null;

        for (var i = 0; i < 3; i++)
            Assert.True(RateLimiter.TryAcquire(ref bucket, settings, exempt: false, T0).Allowed);

        var refused = RateLimiter.TryAcquire(ref bucket, settings, exempt: false, T0);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.RetryAfter);
    }

    [Fact]
    public void Tokens_refill_at_the_configured_rate_and_never_beyond_the_burst()
    {
        var settings = new RateLimitSettings(Messages: 2, PeriodSeconds: 10, Burst: 2);
        TokenBucket? bucket = null;
        Assert.True(RateLimiter.TryAcquire(ref bucket, settings, false, T0).Allowed);
        Assert.True(RateLimiter.TryAcquire(ref bucket, settings, false, T0).Allowed);
        Assert.False(RateLimiter.TryAcquire(ref bucket, settings, false, T0.AddSeconds(4)).Allowed);

        // 2 per 10 s: one token every 5 s.
        Assert.True(RateLimiter.TryAcquire(ref bucket, settings, false, T0.AddSeconds(5)).Allowed);
        Assert.False(RateLimiter.TryAcquire(ref bucket, settings, false, T0.AddSeconds(6)).Allowed);

        // A long pause fills the bucket only up to the burst.
        var later = T0.AddHours(1);
        Assert.True(RateLimiter.TryAcquire(ref bucket, settings, false, later).Allowed);
        Assert.True(RateLimiter.TryAcquire(ref bucket, settings, false, later).Allowed);
        Assert.False(RateLimiter.TryAcquire(ref bucket, settings, false, later).Allowed);
    }

    [Fact]
    public void Operators_are_exempt_and_an_exempt_post_takes_no_token()
    {
        var settings = new RateLimitSettings(Messages: 1, PeriodSeconds: 60, Burst: 1);
        TokenBucket? bucket = null;
        for (var i = 0; i < 100; i++)
            Assert.True(RateLimiter.TryAcquire(ref bucket, settings, exempt: true, T0).Allowed);
        Assert.Null(bucket);
        Assert.True(RateLimiter.TryAcquire(ref bucket, settings, exempt: false, T0).Allowed);
        Assert.False(RateLimiter.TryAcquire(ref bucket, settings, exempt: false, T0).Allowed);
    }

    [Fact]
    public void A_limit_of_zero_messages_is_off()
    {
        TokenBucket? bucket = null;
        for (var i = 0; i < 100; i++)
            Assert.True(RateLimiter.TryAcquire(ref bucket, RateLimitSettings.Off, exempt: false, T0).Allowed);
    }
}
