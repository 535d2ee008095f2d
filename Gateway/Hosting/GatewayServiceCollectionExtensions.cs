using Gateway.Errors;
using Gateway.Health;
using Silo.Health;
using Silo.Hosting;

namespace Gateway.Hosting;

public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayServices(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddExceptionHandler<TransientFailureExceptionHandler>();
        services.AddOpenApi();
        services.AddChainOptions();
        services.AddHealthChecks()
            .AddCheck<ClusterReachableHealthCheck>("cluster", tags: [HealthEndpointExtensions.ReadyTag])
            .AddCheck<DrainingHealthCheck>("draining", tags: [HealthEndpointExtensions.ReadyTag]);
        return services;
    }

    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapHealthEndpoints();
        return app;
    }
}
