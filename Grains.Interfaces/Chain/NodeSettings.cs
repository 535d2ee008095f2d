namespace Grains.Interfaces.Chain;

/// <summary>Per-node settings; null leaves a value unchanged.</summary>
[GenerateSerializer, Immutable, Alias("chain.NodeSettings")]
public sealed record NodeSettings(
    [property: Id(0)] string? RewardAddress,
    [property: Id(1)] long? MinFee);
