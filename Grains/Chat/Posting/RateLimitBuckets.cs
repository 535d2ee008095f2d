using Grains.Interfaces.Chat;

namespace Grains.Chat.Posting;

/// <summary>
/// The token buckets of one shard's members. A member gets a bucket only once they post under a limit, so a
/// shard of quiet members holds none.
/// </summary>
public sealed class RateLimitBuckets
{
    private readonly Dictionary<string, TokenBucket?> _buckets = new(StringComparer.Ordinal);

    public int Count => _buckets.Count;

    /// <summary>Takes one token from the member's bucket (see <see cref="RateLimiter"/>); a switched-off limit allows without tracking.</summary>
    public RateDecision Take(string userId, RateLimitSettings settings, DateTimeOffset now)
    {
        if (!settings.IsEnabled())
            return RateDecision.Allow;
        _buckets.TryGetValue(userId, out var bucket);
        var decision = RateLimiter.TryAcquire(ref bucket, settings, exempt: false, now);
        _buckets[userId] = bucket;
        return decision;
    }

    /// <summary>A member who leaves starts with a full bucket if they come back.</summary>
    public void Forget(string userId) => _buckets.Remove(userId);
}
