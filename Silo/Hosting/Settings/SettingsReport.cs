using System.Text;

namespace Silo.Hosting.Settings;

/// <summary>Refuses to start a host with bad settings, naming every one of them in one message.</summary>
public static class SettingsReport
{
    /// <summary>The process exit code for invalid settings.</summary>
    public const int ExitCode = 2;

    /// <summary>
    /// Checks every registered settings section; when any is invalid, writes one message listing every problem to
    /// standard error and returns true (the host should then exit with <see cref="ExitCode"/> without starting).
    /// </summary>
    public static bool ReportInvalidSettings(this IHost host)
    {
        var problems = Problems(host.Services);
        if (problems.Count == 0)
            return false;

        var hostName = host.Services.GetRequiredService<IHostEnvironment>().ApplicationName;
        var message = new StringBuilder()
            .Append(hostName).Append(" cannot start: ").Append(problems.Count).Append(problems.Count == 1 ? " setting is" : " settings are")
            .AppendLine(" invalid (set them in appsettings.json, as environment variables or as --Section:Name=value arguments).");
        foreach (var problem in problems)
            message.Append("  - ").AppendLine(problem);
        Console.Error.Write(message.ToString());
        return true;
    }

    /// <summary>Every problem of every registered section, one per setting, in key order.</summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services) =>
        services.GetServices<SettingsSection>()
            .SelectMany(section => section.Problems(services))
            .DistinctBy(SettingProblem.KeyOf, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
