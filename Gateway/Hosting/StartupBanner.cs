using Silo.Hosting;

namespace Gateway.Hosting;

/// <summary>Says once, at start, how this gateway reaches the cluster and whether state is durable.</summary>
public sealed class StartupBanner(GatewayOptions gateway, ClusterHostOptions orleans, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (gateway.Mode == GatewayMode.Embedded && orleans.Storage == StorageMode.Memory)
            logger.LogWarning("Embedded mode: state is held in memory only and is lost when this process stops (set Cluster__Storage=AdoNet for PostgreSQL).");
        else
            logger.LogInformation("Gateway in {Mode} mode: membership {Membership}, storage {Storage}, cluster {ClusterId}/{ServiceId}",
                gateway.Mode, orleans.Membership, orleans.Storage, orleans.EffectiveClusterId, orleans.EffectiveServiceId);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
