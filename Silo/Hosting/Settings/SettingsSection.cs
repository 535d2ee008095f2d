using Microsoft.Extensions.Options;

namespace Silo.Hosting.Settings;

/// <summary>A registered settings section, and how to find every problem in it (for <see cref="SettingsReport"/>).</summary>
public sealed class SettingsSection(string name, Func<IServiceProvider, IReadOnlyList<string>> problems)
{
    public string Name { get; } = name;

    /// <summary>Every problem of the section, one line each; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems(IServiceProvider services) => problems(services);

    internal static IReadOnlyList<string> ProblemsOf<T>(IServiceProvider services)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
    }
}
