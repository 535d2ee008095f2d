namespace Silo.Hosting;

/// <summary>Stops a host at once, naming every bad setting, before anything starts.</summary>
public static class StartupGuard
{
    public const int ConfigurationErrorExitCode = 2;

    public static ClusterHostOptions ReadOrExit(IConfiguration configuration, string hostName)
    {
        var options = ClusterHostOptions.Read(configuration, out var errors);
        if (errors.Count == 0)
            return options;

        Console.Error.WriteLine($"{hostName} cannot start: invalid configuration.");
        foreach (var error in errors)
            Console.Error.WriteLine($"  - {error}");
        Environment.Exit(ConfigurationErrorExitCode);
        return options;
    }
}
