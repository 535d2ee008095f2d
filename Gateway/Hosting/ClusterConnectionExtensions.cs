using Microsoft.AspNetCore.HttpOverrides;
using Orleans.Configuration;
using Silo.Hosting;

namespace Gateway.Hosting;

public static class ClusterConnectionExtensions
{
    /// <summary>
    /// Embedded mode hosts a silo in this process; client mode connects one <see cref="IClusterClient"/>
    /// per process to silos found through the PostgreSQL membership table.
    /// </summary>
    public static WebApplicationBuilder AddClusterConnection(this WebApplicationBuilder builder)
    {
        var gateway = new GatewayOptions();
        try
        {
            builder.Configuration.GetSection(GatewayOptions.Section).Bind(gateway);
        }
        catch (InvalidOperationException)
        {
            ExitWith($"{GatewayOptions.Section}:Mode (environment variable {GatewayOptions.Section}__Mode) must be Embedded or Client");
        }

        var orleans = StartupGuard.ReadOrExit(builder.Configuration, "Gateway");
        if (gateway.Mode == GatewayMode.Client && orleans.Membership != ClusteringMode.AdoNet)
            ExitWith("Cluster:Membership (environment variable Cluster__Membership) must be AdoNet when Gateway:Mode is Client");

        var problems = new List<string>();
        var forwarded = ForwardedHeadersSetup.Create(gateway.KnownProxies, problems);
        StartupGuard.ExitIfAny("Gateway", problems);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = forwarded.ForwardedHeaders;
            options.ForwardLimit = forwarded.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in forwarded.KnownProxies)
                options.KnownProxies.Add(proxy);
            foreach (var network in forwarded.KnownIPNetworks)
                options.KnownIPNetworks.Add(network);
        });

        builder.Services.AddSingleton(orleans);
        builder.Services.AddSingleton(gateway);
        if (gateway.Mode == GatewayMode.Embedded)
        {
            builder.UseOrleans(silo => silo.ConfigureClusterSilo(orleans));
        }
        else
        {
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
                client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(orleans.ClientResponseTimeoutSeconds));
                client.Services.AddDatabaseExceptionSerialization();
            });
        }

        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    private static void ExitWith(string message) => StartupGuard.ExitIfAny("Gateway", [message]);
}
