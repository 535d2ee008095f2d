namespace Grains.Interfaces.Cluster;

/// <summary>Which silo served a call, and when (UTC).</summary>
[GenerateSerializer, Immutable, Alias("SiloInfo")]
public sealed record SiloInfo(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] string SiloName,
    [property: Id(2)] DateTimeOffset ServedAt);
