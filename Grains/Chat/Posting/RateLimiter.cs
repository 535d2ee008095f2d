using Grains.Interfaces.Chat;

namespace Grains.Chat.Posting;

/// <summary>
/// Token bucket per member: holds up to <see cref="RateLimitSettings.Burst"/> tokens, refills at
/// <see cref="RateLimitSettings.Messages"/> per <see cref="RateLimitSettings.PeriodSeconds"/>, one token per message.
/// Moderators are exempt. Pure: time is passed in, so it is tested without a clock.
/// </summary>
public static class RateLimiter
{
    public static RateDecision TryAcquire(ref TokenBucket? bucket, RateLimitSettings settings, bool exempt, DateTimeOffset now)
    {
        if (exempt || !settings.IsEnabled())
            return RateDecision.Allow;

        var capacity = Math.Max(1, settings.Burst);
        var perSecond = settings.Messages / (double)Math.Max(1, settings.PeriodSeconds);
        var current = bucket ?? new TokenBucket(capacity, now);
        var elapsed = Math.Max(0, (now - current.At).TotalSeconds);
        var tokens = Math.Min(capacity, current.Tokens + elapsed * perSecond);

        if (tokens >= 1)
        {
            bucket = new TokenBucket(tokens - 1, now);
            return RateDecision.Allow;
        }

        bucket = new TokenBucket(tokens, now);
        var wait = TimeSpan.FromSeconds((1 - tokens) / perSecond);
        return new RateDecision(false, wait);
    }
}
