using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Silo.Hosting.Dashboard;

namespace Silo.Hosting.Banner;

/// <summary>
/// One line per host once it listens (where, in which environment, what it is, where its dashboard is), then its
/// warnings. It replaces the framework's four start-up lines, whose logger the host defaults turn down.
/// </summary>
public sealed class StartupBanner(IServiceProvider services, Func<IServiceProvider, HostSummary> summarize) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The server's addresses are known only once it has started, after every hosted service.
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(Write);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Write()
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(environment.ApplicationName);
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var summary = summarize(services);
        var dashboard = services.GetService<ClusterDashboardOptions>()?.Enabled == true && addresses.Count > 0
            ? $"; dashboard {addresses[0].TrimEnd('/')}{ClusterDashboardOptions.Path}"
            : string.Empty;
        logger.LogInformation("{Host} listening on {Addresses} ({Environment}): {Description}{Dashboard}",
            environment.ApplicationName, addresses.Count > 0 ? string.Join(", ", addresses) : "no address", environment.EnvironmentName, summary.Description, dashboard);
        foreach (var warning in summary.Warnings)
            logger.LogWarning("{Warning}", warning);
    }
}
