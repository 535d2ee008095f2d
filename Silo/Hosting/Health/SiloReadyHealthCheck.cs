using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Silo.Health;

/// <summary>Ready when this silo is listed as Active in the cluster's membership.</summary>
public sealed class SiloReadyHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var self = localSilo.SiloAddress;
        if (snapshot.Members.TryGetValue(self, out var member) && member.Status == SiloStatus.Active)
        {
            var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
            return Task.FromResult(HealthCheckResult.Healthy($"silo {self} is active; {active} active silo(s)"));
        }

        var status = member?.Status.ToString() ?? "not yet in membership";
        return Task.FromResult(HealthCheckResult.Unhealthy($"silo {self} is {status}"));
    }
}
