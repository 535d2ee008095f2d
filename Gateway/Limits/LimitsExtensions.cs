using Gateway.Auth;

namespace Gateway.Limits;

public static class LimitsExtensions
{
    /// <summary>Quotas and request rates, from the <c>Limits</c> and <c>Auth</c> sections; bad values stop the process.</summary>
    public static WebApplicationBuilder AddGatewayLimits(this WebApplicationBuilder builder)
    {
        var limits = new LimitOptions();
        builder.Configuration.GetSection(LimitOptions.Section).Bind(limits);
        var auth = new AuthOptions();
        builder.Configuration.GetSection(AuthOptions.Section).Bind(auth);
        Silo.Hosting.StartupGuard.ExitIfAny("Gateway", limits.Problems().ToList());

        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton<AccountQuotas>();
        builder.Services.AddSingleton<AnonymousCreationLimiter>();
        builder.Services.AddRatePolicies(auth, limits);
        return builder;
    }

    /// <summary>After authentication, so per-account limits know the account.</summary>
    public static WebApplication UseGatewayLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
