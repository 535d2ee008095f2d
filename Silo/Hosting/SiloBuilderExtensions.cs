using System.Net;
using Grains.Storage;
using Orleans.Configuration;

namespace Silo.Hosting;

/// <summary>The one place that turns <see cref="ClusterHostOptions"/> into a configured silo.</summary>
public static class SiloBuilderExtensions
{
    private const string Invariant = "Npgsql";

    public static ISiloBuilder ConfigureClusterSilo(this ISiloBuilder silo, ClusterHostOptions options)
    {
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.EffectiveClusterId;
            cluster.ServiceId = options.EffectiveServiceId;
        });

        if (options.Membership == ClusteringMode.AdoNet)
        {
            silo.UseAdoNetClustering(adoNet =>
            {
                adoNet.Invariant = Invariant;
                adoNet.ConnectionString = options.ConnectionString;
            });
            // Resolved when the silo starts, not now: a bad address is reported with every other bad setting first.
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.AdvertisedIPAddress = options.ResolveAdvertisedAddress();
                endpoints.SiloPort = options.SiloPort;
                endpoints.GatewayPort = options.GatewayPort;
                if (options.ListenOnAnyAddress)
                {
                    endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, options.SiloPort);
                    endpoints.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, options.GatewayPort);
                }
            });
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort,
                serviceId: options.EffectiveServiceId, clusterId: options.EffectiveClusterId);
        }

        if (options.Membership == ClusteringMode.AdoNet && options.UsesKubernetesHosting(Environment.GetEnvironmentVariable))
            silo.UseKubernetesHosting();

        // A killed silo should be declared dead within seconds, not the ~30 s Orleans allows by default.
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(options.ProbeTimeoutSeconds);
            membership.NumMissedProbesLimit = options.MissedProbesLimit;
            membership.TableRefreshTimeout = TimeSpan.FromSeconds(options.MembershipRefreshSeconds);
        });
        // Grain calls carry the caller's trace context, so a request's trace continues into the grains it calls.
        silo.AddActivityPropagation();
        silo.AddClusterStorage(options);
        silo.Services.AddChainSettings();
        silo.Services.AddPaymentSettings(signsPayments: true);
        silo.Services.AddDatabaseExceptionSerialization();
        silo.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds));
        return silo;
    }

    /// <summary>Grain storage, reminders and the product's own stores, as the options choose.</summary>
    public static ISiloBuilder AddClusterStorage(this ISiloBuilder silo, ClusterHostOptions options)
    {
        foreach (var name in StorageNames.All)
        {
            if (options.Storage == StorageMode.AdoNet)
            {
                silo.AddAdoNetGrainStorage(name, adoNet =>
                {
                    adoNet.Invariant = Invariant;
                    adoNet.ConnectionString = options.ConnectionString;
                });
            }
            else
            {
                silo.AddMemoryGrainStorage(name);
            }
        }

        if (options.Storage == StorageMode.AdoNet)
        {
            silo.UseAdoNetReminderService(adoNet =>
            {
                adoNet.Invariant = Invariant;
                adoNet.ConnectionString = options.ConnectionString;
            });
        }
        else
        {
            silo.UseInMemoryReminderService();
        }

        silo.Services.AddProductStores(options);
        return silo;
    }

    /// <summary>The append-only stores (messages, blocks) that live beside grain state.</summary>
    public static IServiceCollection AddProductStores(this IServiceCollection services, ClusterHostOptions options)
    {
        if (options.Storage == StorageMode.AdoNet)
            services.AddPostgresStores(options.ConnectionString!);
        else
            services.AddMemoryStores();
        return services;
    }
}
