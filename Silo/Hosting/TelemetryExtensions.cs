using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Silo.Hosting;

public static class TelemetryExtensions
{
    /// <summary>Orleans and runtime metrics; exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
    public static IServiceCollection AddSiloTelemetry(this IServiceCollection services)
    {
        var metrics = services.AddOpenTelemetry().WithMetrics(m => m.AddMeter("Microsoft.Orleans").AddRuntimeInstrumentation());
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
            metrics.UseOtlpExporter();
        return services;
    }
}
