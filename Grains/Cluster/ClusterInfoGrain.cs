using Grains.Interfaces.Cluster;
using Orleans.Concurrency;

namespace Grains.Cluster;

[StatelessWorker]
public sealed class ClusterInfoGrain(ILocalSiloDetails silo, TimeProvider clock) : Grain, IClusterInfoGrain
{
    public Task<SiloInfo> GetSiloAsync() =>
        Task.FromResult(new SiloInfo(silo.SiloAddress.ToString(), silo.Name, clock.GetUtcNow()));
}
