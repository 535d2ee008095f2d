using Orleans.Dashboard;
using Silo.Hosting.Dashboard;

namespace Silo.Hosting;

/// <summary>A silo in this host's process, as both hosts run one.</summary>
public static class ClusterSiloExtensions
{
    /// <summary>
    /// Hosts a silo in this process, configured from the <c>Cluster</c>, <c>Chain</c> and <c>Dashboard</c> settings:
    /// the Silo host, and the Gateway in embedded mode. The dashboard is served when <c>Dashboard:Enabled</c> says so,
    /// else when <paramref name="dashboardByDefault"/>.
    /// </summary>
    /// <param name="rejoin">When given, a fatal error (such as being declared dead) stops this host for a fresh silo instead of ending the process.</param>
    public static WebApplicationBuilder AddClusterSilo(this WebApplicationBuilder builder, bool dashboardByDefault, SiloRejoin? rejoin = null)
    {
        builder.Services.AddClusterSettings();
        var options = ClusterHostOptions.Read(builder.Configuration);
        var dashboard = builder.AddDashboardSettings(dashboardByDefault);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureClusterSilo(options);
            if (dashboard)
                silo.AddDashboard();
        });
        if (rejoin is not null)
            SiloRejoin.Use(builder.Services, rejoin);
        return builder;
    }
}
