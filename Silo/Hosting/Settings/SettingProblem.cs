namespace Silo.Hosting.Settings;

/// <summary>
/// One bad setting, as a line an operator can act on: the setting, its environment variable, what it is and what
/// is allowed, e.g. <c>Cluster:Membership (Cluster__Membership) is 'Bogus'; allowed: Localhost, AdoNet</c>.
/// </summary>
public sealed record SettingProblem(string Key, string Actual, string Expected)
{
    /// <summary>A value that is set but not allowed (<paramref name="value"/> null: not set at all).</summary>
    public static SettingProblem Invalid(string key, string? value, string allowed) =>
        new(key, value is null ? "is not set" : $"is '{value}'", "allowed: " + allowed);

    /// <summary>A setting that must be set, and the circumstance that requires it (e.g. "when Gateway:Mode is Client").</summary>
    public static SettingProblem Missing(string key, string when) => new(key, "is not set", "required " + when);

    /// <summary>The environment variable for a configuration key: <c>Section:Name</c> becomes <c>Section__Name</c>.</summary>
    public static string EnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The key a line produced by <see cref="ToString"/> is about.</summary>
    public static string KeyOf(string line) => line.Split(' ', 2)[0];

    // Keys without a section (OTEL_EXPORTER_OTLP_ENDPOINT) are their own environment variable: named once.
    public override string ToString() =>
        Key.Contains(':', StringComparison.Ordinal)
            ? $"{Key} ({EnvironmentVariable(Key)}) {Actual}; {Expected}"
            : $"{Key} {Actual}; {Expected}";
}
