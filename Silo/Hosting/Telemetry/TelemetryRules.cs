using Silo.Hosting.Settings;

namespace Silo.Hosting.Telemetry;

/// <summary>An OTLP endpoint must be a URL the exporter can use, and the protocol one it speaks.</summary>
public sealed class TelemetryRules() : SettingsRules<TelemetryOptions>(TelemetryOptions.Section)
{
    private static readonly string[] Protocols = ["grpc", "http/protobuf"];

    protected override IEnumerable<SettingProblem> Check(TelemetryOptions options)
    {
        if (options.Exports && !(Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"))
            yield return SettingProblem.Invalid(Key(nameof(options.OtlpEndpoint)), options.OtlpEndpoint, "an http:// or https:// URL, e.g. http://localhost:4317");
        if (!string.IsNullOrEmpty(options.OtlpProtocol) && !Protocols.Contains(options.OtlpProtocol, StringComparer.Ordinal))
            yield return SettingProblem.Invalid(Key(nameof(options.OtlpProtocol)), options.OtlpProtocol, string.Join(", ", Protocols));
    }
}
