using Grains.Interfaces.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

/// <summary>Ready when a grain call reaches a silo and comes back.</summary>
public sealed class ClusterReachableHealthCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silo = await grains.GetGrain<IClusterInfoGrain>(0).GetSiloAsync().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"served by silo {silo.SiloAddress}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("cluster not reachable", ex);
        }
    }
}
