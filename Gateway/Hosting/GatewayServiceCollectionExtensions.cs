using Gateway.Http;
using Gateway.Http.OpenApi;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;
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
        services.ConfigureHttpJsonOptions(options => ApiJson.Apply(options.SerializerOptions));
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddExceptionHandler<TransientFailureExceptionHandler>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdempotentRetry>();
        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new Microsoft.OpenApi.OpenApiInfo
                {
                    Title = "Chain & Chat cluster",
                    Version = "v1",
                    Description = "Proof-of-work chain nodes and very large group chats. JSON is snake_case; every error is application/problem+json with a stable code. Reference UI: /docs.",
                };
                return Task.CompletedTask;
            });
            openApi.AddDocumentTransformer<BearerSecurityTransformer>();
            openApi.AddOperationTransformer<BearerSecurityTransformer>();
            openApi.AddOperationTransformer<ExampleTransformer>();
        });
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimits.Json);
        services.AddChainSettings();
        services.AddPaymentSettings(signsPayments: false);
        services.AddHostedService<Gateway.Payments.PaymentsNodeBootstrap>();
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
        // The reference UI reads /openapi/v1.json; its script is served by the gateway itself, no CDN.
        app.MapScalarApiReference("/docs", scalar => scalar.WithTitle("Chain & Chat cluster API"));
        app.MapHealthEndpoints();
        app.MapClusterDashboard();
        return app;
    }
}
