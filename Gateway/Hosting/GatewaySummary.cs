using Silo.Hosting;
using Silo.Hosting.Banner;

namespace Gateway.Hosting;

/// <summary>How this gateway reaches the cluster and whether its state is durable, for its start-up line.</summary>
public static class GatewaySummary
{
    public static HostSummary Of(IServiceProvider services)
    {
        var gateway = services.GetRequiredService<GatewayOptions>();
        var orleans = services.GetRequiredService<ClusterHostOptions>();
        if (gateway.Mode == GatewayMode.Client)
            return new HostSummary($"client of cluster {orleans.EffectiveClusterId}/{orleans.EffectiveServiceId}", []);

        return new HostSummary("embedded silo, " + orleans.Describe(), orleans.Storage == StorageMode.Memory
            ? ["Embedded mode: state is held in memory only and is lost when this process stops (set Cluster__Storage=AdoNet for PostgreSQL)."]
            : []);
    }
}
