namespace Silo.Hosting.Settings;

/// <summary>
/// Binds a property from this configuration key instead of <c>Section:PropertyName</c>: for settings that live
/// outside their class's section, such as <c>ConnectionStrings:Postgres</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingPathAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}
