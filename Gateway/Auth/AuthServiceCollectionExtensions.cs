using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Gateway.Hosting;
using Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Silo.Hosting;

namespace Gateway.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// JWT bearer with the configured key. Client (cluster) mode refuses to start without <c>Auth:SigningKey</c>:
    /// gateways behind one load balancer must share it. Embedded mode generates one and says so.
    /// </summary>
    public static WebApplicationBuilder AddChatAuthentication(this WebApplicationBuilder builder)
    {
        var options = new AuthOptions();
        builder.Configuration.GetSection(AuthOptions.Section).Bind(options);
        var operatorOptions = new OperatorOptions();
        builder.Configuration.GetSection(OperatorOptions.Section).Bind(operatorOptions);
        var mode = builder.Configuration.GetSection(GatewayOptions.Section).GetValue<GatewayMode?>(nameof(GatewayOptions.Mode)) ?? GatewayMode.Embedded;
        var key = ReadKeyOrExit(options, operatorOptions, mode);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<AccountPasswords>();
        builder.Services.AddSingleton(operatorOptions);
        builder.Services.AddSingleton<ReservedNames>();
        builder.Services.AddHostedService<OperatorAccount>();
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

                // A signed token must still name a real user id and carry the account's stamp; whether that account
                // still exists is checked after authentication (AccountTokenCheck), where a cluster outage is a 503.
                OnTokenValidated = context =>
                {
                    var principal = context.Principal;
                    if (!AccountNames.IsUserId(principal?.FindFirst(ChatClaims.UserId)?.Value) || string.IsNullOrEmpty(principal?.StampOf()))
                        context.Fail("The token names no valid user.");
                    return Task.CompletedTask;
                },
            };
        });

        return builder;
    }

    public static WebApplication UseChatAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<AccountTokenCheck>();
        app.UseAuthorization();
        return app;
    }

    private static SigningKeyMaterial ReadKeyOrExit(AuthOptions options, OperatorOptions operatorOptions, GatewayMode mode)
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
        if (options.PasswordHashIterations is < 1_000 or > 10_000_000)
            problems.Add($"{AuthOptions.Section}:PasswordHashIterations (environment variable {AuthOptions.Section}__PasswordHashIterations) must be between 1000 and 10000000 (OWASP: {AuthOptions.OwaspPbkdf2Sha512Iterations})");
        if (options.AttemptsPerMinute < 1 || options.FailedSignInsPerAccount < 1 || options.FailedSignInWindowSeconds < 1)
            problems.Add($"{AuthOptions.Section}:AttemptsPerMinute, FailedSignInsPerAccount and FailedSignInWindowSeconds must be at least 1");
        if (!AccountNames.IsValidUsername(operatorOptions.Username))
            problems.Add($"{OperatorOptions.Section}:Username (environment variable {OperatorOptions.Section}__Username) must be a valid username: {AccountNames.Rule}");
        if (operatorOptions.Password is { Length: > 0 and < AccountNames.MinPasswordLength })
            problems.Add($"{OperatorOptions.Section}:Password (environment variable {OperatorOptions.Section}__Password) must be at least {AccountNames.MinPasswordLength} characters");

        StartupGuard.ExitIfAny("Gateway", problems);

        return string.IsNullOrEmpty(options.SigningKey)
            ? new SigningKeyMaterial(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(AuthOptions.MinKeyBytes)), Generated: true)
            : new SigningKeyMaterial(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)), Generated: false);
    }
}
