namespace Silo.Hosting.Settings;

/// <summary>One settings class's section, its wording overrides and the problems its last binding found.</summary>
internal sealed class SettingsRegistration<T>(string section)
{
    public string Section { get; } = section;

    /// <summary>Property name -> what it allows, where the attributes alone would read poorly (a regular expression).</summary>
    public Dictionary<string, string> Descriptions { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SettingProblem> BindingProblems { get; set; } = [];
}
