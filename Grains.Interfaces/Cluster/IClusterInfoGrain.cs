namespace Grains.Interfaces.Cluster;

/// <summary>
/// A stateless grain that answers from whichever silo activates it: gateways use it to prove the
/// cluster is reachable and to show which silo served a request.
/// </summary>
[Alias("IClusterInfoGrain")]
public interface IClusterInfoGrain : IGrainWithIntegerKey
{
    Task<SiloInfo> GetSiloAsync();
}
