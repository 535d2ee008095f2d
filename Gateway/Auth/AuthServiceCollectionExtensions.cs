using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Gateway.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Silo.Hosting;

namespace Gateway.Auth;

public static class AuthServiceCollectionExtensions
{
    public const string SignInPolicy = "sign-in";

    /// <summary>
    /// JWT bearer with the configured key. Client (cluster) mode refuses to start without <c>Auth:SigningKey</c>:
    /// gateways behind one load balancer must share it. Embedded mode generates one and says so.
    /// </summary>
    public static WebApplicationBuilder AddChatAuthentication(this WebApplicationBuilder builder)
    {
        var options = new AuthOptions();
        builder.Configuration.GetSection(AuthOptions.Section).Bind(options);
        var mode = builder.Configuration.GetSection(GatewayOptions.Section).GetValue<GatewayMode?>(nameof(GatewayOptions.Mode)) ?? GatewayMode.Embedded;
        var key = ReadKeyOrExit(options, mode);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<AccountPasswords>();
        builder.Services.AddHostedService<SigningKeyNotice>();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKey = key.Key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = ChatClaims.Username,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            jwt.Events = new JwtBearerEvents
            {
                // Browsers' EventSource cannot send headers: the live stream also takes ?access_token=.
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/api/live") && context.Request.Query["access_token"] is [{ } token])
                        context.Token = token;
                    return Task.CompletedTask;
                },
            };
        });

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.AttemptsPerMinute), Window = TimeSpan.FromMinutes(1) }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "too_many_attempts", Detail = "Too many sign-up or sign-in attempts; wait a minute.", Extensions = { ["code"] = "too_many_attempts" } },
                });
            };
        });
        return builder;
    }

    public static WebApplication UseChatAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static SigningKeyMaterial ReadKeyOrExit(AuthOptions options, GatewayMode mode)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey) && mode == GatewayMode.Client)
            problems.Add($"{AuthOptions.Section}:SigningKey (environment variable {AuthOptions.Section}__SigningKey) is required when Gateway:Mode is Client: every gateway must check tokens with the same key (at least {AuthOptions.MinKeyBytes} bytes)");
        if (!string.IsNullOrEmpty(options.SigningKey) && Encoding.UTF8.GetByteCount(options.SigningKey) < AuthOptions.MinKeyBytes)
            problems.Add($"{AuthOptions.Section}:SigningKey (environment variable {AuthOptions.Section}__SigningKey) must be at least {AuthOptions.MinKeyBytes} bytes");
        if (options.TokenLifetimeMinutes is < 1 or > 60 * 24 * 30)
            problems.Add($"{AuthOptions.Section}:TokenLifetimeMinutes (environment variable {AuthOptions.Section}__TokenLifetimeMinutes) must be between 1 and 43200");
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
            problems.Add($"{AuthOptions.Section}:Issuer and {AuthOptions.Section}:Audience must not be empty");

        if (problems.Count > 0)
        {
            Console.Error.WriteLine("Gateway cannot start: invalid configuration.");
            foreach (var problem in problems)
                Console.Error.WriteLine($"  - {problem}");
            Environment.Exit(StartupGuard.ConfigurationErrorExitCode);
        }

        return string.IsNullOrEmpty(options.SigningKey)
            ? new SigningKeyMaterial(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(AuthOptions.MinKeyBytes)), Generated: true)
            : new SigningKeyMaterial(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)), Generated: false);
    }
}
