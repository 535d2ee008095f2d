using Silo.Hosting.Settings;

namespace Gateway.Limits;

public static class LimitsExtensions
{
    /// <summary>Quotas and request rates, from the <c>Limits</c> and <c>Auth</c> sections.</summary>
    public static WebApplicationBuilder AddGatewayLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<LimitOptions>(LimitOptions.Section);
        builder.Services.AddSingleton<AccountQuotas>();
        builder.Services.AddSingleton<AnonymousCreationLimiter>();
        builder.Services.AddRatePolicies();
        return builder;
    }

    /// <summary>After authentication, so per-account limits know the account.</summary>
    public static WebApplication UseGatewayLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
