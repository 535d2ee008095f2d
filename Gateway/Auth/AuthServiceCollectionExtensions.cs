using Gateway.Hosting;
using Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Silo.Hosting.Settings;

namespace Gateway.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// JWT bearer with the configured key. Client (cluster) mode refuses to start without <c>Auth:SigningKey</c>
    /// (<see cref="GatewayRules"/>): gateways behind one load balancer must share it. Embedded mode generates one and says so.
    /// </summary>
    public static WebApplicationBuilder AddChatAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<AuthOptions>(AuthOptions.Section).AddRules<AuthRules>();
        builder.Services.AddSettings<OperatorOptions>(OperatorOptions.Section).AddRules<OperatorRules>();
        builder.Services.AddSingleton(sp => SigningKeyMaterial.For(sp.GetRequiredService<AuthOptions>()));
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<ValidatedTokens>();
        builder.Services.AddSingleton<AccountPasswords>();
        builder.Services.AddSingleton<ReservedNames>();
        builder.Services.AddHostedService<OperatorAccount>();
        builder.Services.AddHostedService<SigningKeyNotice>();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<AuthOptions, SigningKeyMaterial, ValidatedTokens>(ConfigureBearer);
        return builder;
    }

    public static WebApplication UseChatAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<AccountTokenCheck>();
        app.UseAuthorization();
        return app;
    }

    private static void ConfigureBearer(JwtBearerOptions jwt, AuthOptions options, SigningKeyMaterial key, ValidatedTokens validated)
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
                var presented = context.Token ?? BearerOf(context.Request.Headers.Authorization.ToString());
                if (presented is not null && validated.TryGet(presented, out var principal))
                {
                    context.Principal = principal;
                    context.Success();
                }

                return Task.CompletedTask;
            },

            // A signed token must still name a real user id and carry the account's stamp; whether that account
            // still exists is checked after authentication (AccountTokenCheck), where a cluster outage is a 503.
            OnTokenValidated = context =>
            {
                var principal = context.Principal;
                if (!AccountNames.IsUserId(principal?.FindFirst(ChatClaims.UserId)?.Value) || string.IsNullOrEmpty(principal?.StampOf()))
                    context.Fail("The token names no valid user.");
                else if (context.SecurityToken is JsonWebToken token)
                    validated.Remember(token.EncodedToken, principal!, token.ValidTo);
                return Task.CompletedTask;
            },
        };
    }

    private static string? BearerOf(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
}
