namespace Grains.Interfaces.Chain;

/// <summary>A peer of a node and whether the node is ignoring it for sending invalid data.</summary>
[GenerateSerializer, Immutable, Alias("chain.PeerInfo")]
public sealed record PeerInfo(
    [property: Id(0)] string NodeId,
    [property: Id(1)] int Strikes,
    [property: Id(2)] DateTimeOffset? IgnoredUntil);
