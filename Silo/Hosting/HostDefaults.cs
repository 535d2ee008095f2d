using Silo.Hosting.Telemetry;

namespace Silo.Hosting;

/// <summary>What every host starts with: configuration and logging defaults, and telemetry.</summary>
public static class HostDefaults
{
    /// <summary>
    /// Defaults for both hosts, added as the lowest-precedence source so appsettings.json, environment
    /// variables and the command line override them. A host starts with its one banner line (<see cref="Banner.StartupBanner"/>)
    /// and its warnings: Orleans' start-up chatter and its dump of every options class (the SiloOptionsLogger,
    /// some 160 lines) stay below Warning, and so do the framework's own four start-up lines.
    /// </summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        // Named, or the console logger ignores the formatter's options for its own legacy ones.
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
    };

    public static WebApplicationBuilder AddHostDefaults(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });
        builder.AddHostTelemetry();
        return builder;
    }
}
