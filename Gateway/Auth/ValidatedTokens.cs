using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;

namespace Gateway.Auth;

/// <summary>
/// Bearer tokens this gateway has already validated, with the principal they gave, until the token expires (and at
/// most <see cref="MaxAge"/>). A client sends the same token with every request; parsing it and checking its HMAC
/// each time cost about a quarter of a post's CPU here. Only tokens that passed full validation are remembered,
/// the cache is bounded, and the account check (<see cref="AccountTokenCheck"/>) still runs on every request.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    public const int Capacity = 100_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.2 });

    public bool TryGet(string token, out ClaimsPrincipal principal)
    {
        if (_cache.TryGetValue(token, out Entry? entry) && entry is not null && clock.GetUtcNow() < entry.ValidTo)
        {
            principal = entry.Principal;
            return true;
        }

        principal = null!;
        return false;
    }

    public void Remember(string token, ClaimsPrincipal principal, DateTimeOffset tokenValidTo)
    {
        var now = clock.GetUtcNow();
        var validTo = tokenValidTo < now + MaxAge ? tokenValidTo : now + MaxAge;
        if (validTo <= now)
            return;
        _cache.Set(token, new Entry(principal, validTo), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = validTo - now });
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset ValidTo);
}
