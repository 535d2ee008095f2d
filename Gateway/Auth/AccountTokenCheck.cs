using System.Security.Claims;
using Grains.Interfaces.Accounts;
using Microsoft.Extensions.Caching.Memory;

namespace Gateway.Auth;

/// <summary>
/// Between authentication and authorisation: a signed token only stands while its account exists with the same
/// security stamp. The answer is cached for a minute per account, so a request pays a grain call at most once a
/// minute per user. A token that fails this is treated as no token (401 where one is needed).
/// </summary>
public sealed class AccountTokenCheck(RequestDelegate next, IGrainFactory grains) : IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    // Its own cache: keys are bare user ids, and entries expire and are swept without any code here.
    private readonly MemoryCache _stamps = new(new MemoryCacheOptions());

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && !await IsCurrentAsync(context.User))
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    }

    private async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal user)
    {
        var userId = user.FindFirst(ChatClaims.UserId)?.Value;
        var stamp = user.StampOf();
        if (userId is null || stamp is null)
            return false;
        if (_stamps.TryGetValue(userId, out string? known) && known == stamp)
            return true;

        var account = await grains.GetGrain<IAccountGrain>(userId).GetAsync();
        if (account is null)
            return false;
        _stamps.Set(userId, account.EffectiveStamp, CacheFor);
        return account.EffectiveStamp == stamp;
    }

    public void Dispose() => _stamps.Dispose();
}
