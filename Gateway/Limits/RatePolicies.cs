using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Gateway.Auth;
using Gateway.Http;
using Microsoft.AspNetCore.RateLimiting;
using Grains.Interfaces.Errors;

namespace Gateway.Limits;

/// <summary>
/// Request rates, with ASP.NET Core's rate limiter: sign-up and sign-in per client address, mining per client,
/// group creation per account. The client address is the one the forwarded-headers middleware settled on, so
/// behind the load balancer each user has their own limit.
/// </summary>
public static class RatePolicies
{
    public const string SignIn = "sign-in";
    public const string Mining = "mining";
    public const string GroupCreation = "group-creation";

    public static IServiceCollection AddRatePolicies(this IServiceCollection services)
    {
        services.AddRateLimiter();
        services.AddOptions<RateLimiterOptions>().Configure<AuthOptions, LimitOptions>((limiter, auth, limits) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignIn, http => PerMinute(AddressOf(http), auth.AttemptsPerMinute));
            limiter.AddPolicy(Mining, http => PerMinute(ClientOf(http), limits.MineRequestsPerMinute));
            limiter.AddPolicy(GroupCreation, http => PerMinute(ClientOf(http), limits.GroupCreationsPerMinute));
            limiter.OnRejected = async (context, _) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var (code, detail) = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName switch
                {
                    SignIn => (ErrorCodes.TooManyAttempts, "Too many sign-up or sign-in attempts from this address; wait a minute."),
                    Mining => (ErrorCodes.TooManyRequests, "Too many mine requests; wait a minute."),
                    GroupCreation => (ErrorCodes.TooManyRequests, "Too many groups created in a minute; wait a minute."),
                    _ => (ErrorCodes.TooManyRequests, "Too many requests; wait a minute."),
                };
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = code, Detail = detail, Extensions = { ["code"] = code } },
                });
            };
        });
        return services;
    }

    /// <summary>The client's address as the forwarded-headers middleware settled it.</summary>
    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string ClientOf(HttpContext http) =>
        http.User.FindFirstValue(ChatClaims.UserId) is { } userId ? "user:" + userId : "address:" + AddressOf(http);

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1) });
}
