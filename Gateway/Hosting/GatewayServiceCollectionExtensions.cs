using System.Text.Json.Serialization;
using Gateway.Errors;
using Gateway.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Gateway.Health;
using Silo.Health;
using Silo.Hosting;
using Silo.Hosting.Dashboard;

namespace Gateway.Hosting;

public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayServices(this IServiceCollection services)
    {
        // Registered before AddProblemDetails, so it is the writer chosen for every problem.
        services.AddSingleton<IProblemDetailsWriter, JsonProblemWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemCodes.AddDefaultCode);
        // Binding failures throw, so the exception handler answers them with a problem that names the rule.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // Numbers are numbers: "amount": "5" is refused, as the docs say integers.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddExceptionHandler<TransientFailureExceptionHandler>();
        services.AddOpenApi();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimits.Json);
        services.AddChainSettings();
        services.AddSingleton<Gateway.Chain.NodeAccess>();
        services.AddHealthChecks()
            .AddCheck<ClusterReachableHealthCheck>("cluster", tags: [HealthEndpointExtensions.ReadyTag])
            .AddCheck<DrainingHealthCheck>("draining", tags: [HealthEndpointExtensions.ReadyTag]);
        return services;
    }

    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>After authentication: every route value of the API is checked before a handler runs.</summary>
    public static WebApplication UseRouteIdValidation(this WebApplication app)
    {
        // The dashboard's routes are Orleans' own: its {address} is a silo's, not a 40-hex-digit wallet address.
        app.UseWhen(context => !context.IsDashboardRequest(), api => api.UseMiddleware<RouteIdValidation>());
        return app;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapClusterDashboard();
        return app;
    }
}
