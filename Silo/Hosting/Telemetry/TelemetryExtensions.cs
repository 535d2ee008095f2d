using Grains.Storage;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Silo.Hosting.Settings;

namespace Silo.Hosting.Telemetry;

/// <summary>OpenTelemetry for both hosts, in one place (as eShop's ServiceDefaults does it).</summary>
public static class TelemetryExtensions
{
    /// <summary>The Orleans activity sources: grain calls (with <c>AddActivityPropagation</c>), the runtime's own work, grain storage.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    /// <summary>The Orleans meter.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// What both hosts trace and measure: ASP.NET Core, HttpClient, Orleans grain calls, the batch writer's database
    /// work and Npgsql; ASP.NET Core, runtime, Orleans and Npgsql metrics; logs. Exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Without it no tracer or meter provider exists, so nothing is
    /// collected at all; a test can still add one (<c>AddOpenTelemetry().WithTracing(…)</c>) and get these sources.
    /// </summary>
    public static WebApplicationBuilder AddHostTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<TelemetryOptions>(TelemetryOptions.Section).AddRules<TelemetryRules>();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = IsTraced)
            .AddHttpClientInstrumentation()
            .AddSource(OrleansSources)
            .AddSource(MessageBatchWriter.ActivitySourceName)
            .AddNpgsql());
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(OrleansMeter)
            .AddNpgsqlInstrumentation());

        var settings = builder.Configuration.ReadSettings<TelemetryOptions>(TelemetryOptions.Section);
        if (settings.Exports)
        {
            var telemetry = builder.Services.AddOpenTelemetry()
                .WithTracing()
                .WithMetrics()
                .WithLogging(configureBuilder: null, configureOptions: logs =>
                {
                    logs.IncludeFormattedMessage = true;
                    logs.IncludeScopes = true;
                })
                .UseOtlpExporter();
            if (string.IsNullOrWhiteSpace(settings.ServiceName))
                telemetry.ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        }

        return builder;
    }

    // Probes every few seconds and the dashboard's polling every second would bury the requests worth reading.
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/dashboard");
}
