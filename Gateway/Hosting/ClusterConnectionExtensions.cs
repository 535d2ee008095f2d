using Microsoft.AspNetCore.HttpOverrides;
using Orleans.Configuration;
using Orleans.Dashboard;
using Grains.Storage;
using Silo.Hosting;
using Silo.Hosting.Banner;
using Silo.Hosting.Dashboard;
using Silo.Hosting.Settings;

namespace Gateway.Hosting;

public static class ClusterConnectionExtensions
{
    /// <summary>
    /// Embedded mode hosts a silo in this process; client mode connects one <see cref="IClusterClient"/>
    /// per process to silos found through the PostgreSQL membership table.
    /// </summary>
    public static WebApplicationBuilder AddClusterConnection(this WebApplicationBuilder builder)
    {
        // Cluster before Gateway: a problem both report (the membership of a client) is then worded by its own section.
        builder.Services.AddClusterSettings();
        builder.Services.AddSettings<GatewayOptions>(GatewayOptions.Section).AddRules<GatewayRules>();
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<GatewayOptions>((options, gateway) => ForwardedHeadersSetup.Apply(options, gateway.KnownProxies));

        if (builder.Configuration.ReadSettings<GatewayOptions>(GatewayOptions.Section).Mode == GatewayMode.Embedded)
            builder.AddClusterSilo(dashboardByDefault: true);
        else
            builder.AddClusterClient(ClusterHostOptions.Read(builder.Configuration));

        builder.Services.AddStartupBanner(GatewaySummary.Of);
        return builder;
    }

    private static void AddClusterClient(this WebApplicationBuilder builder, ClusterHostOptions orleans)
    {
        // A client shows the dashboard of silos that run it; off unless asked for, like on a cluster silo.
        var dashboard = builder.AddDashboardSettings(enabledByDefault: false);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = orleans.EffectiveClusterId;
                cluster.ServiceId = orleans.EffectiveServiceId;
            });
            client.UseAdoNetClustering(adoNet =>
            {
                adoNet.Invariant = "Npgsql";
                adoNet.ConnectionString = orleans.ConnectionString;
            });
            client.UseConnectionRetryFilter<PatientConnectionRetryFilter>();
            client.AddActivityPropagation();
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(orleans.ClientResponseTimeoutSeconds));
            client.Services.AddDatabaseExceptionSerialization();
            if (dashboard)
                client.AddDashboard();
        });
        // Upload bytes go from the gateway straight to the database the silos read them from.
        if (orleans.Storage == StorageMode.AdoNet)
            builder.Services.AddPostgresUploadStore(orleans.ConnectionString!);
        else
            builder.Services.AddSingleton<IUploadStore, Gateway.Uploads.UnavailableUploadStore>();
    }
}
