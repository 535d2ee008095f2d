using System.Threading.RateLimiting;

namespace Gateway.Limits;

/// <summary>
/// Chain nodes created without an account (the tutorial's routes create a node on first use): a fixed number per
/// client address per hour on this gateway, with ASP.NET Core's rate-limiting primitives.
/// </summary>
public sealed class AnonymousCreationLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AnonymousCreationLimiter(LimitOptions limits) =>
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AnonymousNodesPerHour, Window = TimeSpan.FromHours(1) }));

    /// <summary>Null when a creation may go ahead, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}
