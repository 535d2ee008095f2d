using Silo.Hosting.Settings;

namespace Silo.Hosting.Telemetry;

/// <summary>
/// The OpenTelemetry SDK's own environment variables, checked with the other settings at start (the SDK would
/// otherwise fail later, or quietly export nothing). Checked by <see cref="TelemetryRules"/>.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The name these settings are listed under; their keys are the SDK's, not <c>Telemetry:…</c>.</summary>
    public const string Section = "Telemetry";

    /// <summary>Where traces, metrics and logs go over OTLP; nothing is collected or exported while it is unset.</summary>
    [SettingPath("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (the SDK's default) or <c>http/protobuf</c>.</summary>
    [SettingPath("OTEL_EXPORTER_OTLP_PROTOCOL")]
    public string? OtlpProtocol { get; set; }

    /// <summary>The service name reported; the host's name (Gateway, Silo) when unset.</summary>
    [SettingPath("OTEL_SERVICE_NAME")]
    public string? ServiceName { get; set; }

    public bool Exports => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
