namespace Silo.Hosting;

/// <summary>Stops a host at once, naming every bad setting, before anything starts.</summary>
public static class StartupGuard
{
    public const int ConfigurationErrorExitCode = 2;

    public static ClusterHostOptions ReadOrExit(IConfiguration configuration, string hostName)
    {
        var options = ClusterHostOptions.Read(configuration, out var errors);
        ExitIfAny(hostName, errors);
        return options;
    }

    /// <summary>Prints every problem, each naming its setting, and exits with <see cref="ConfigurationErrorExitCode"/>; returns when there are none.</summary>
    public static void ExitIfAny(string hostName, IReadOnlyCollection<string> problems)
    {
        if (problems.Count == 0)
            return;
        Console.Error.WriteLine($"{hostName} cannot start: invalid configuration.");
        foreach (var problem in problems)
            Console.Error.WriteLine($"  - {problem}");
        Environment.Exit(ConfigurationErrorExitCode);
    }
}
