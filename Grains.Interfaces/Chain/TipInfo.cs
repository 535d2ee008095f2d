namespace Grains.Interfaces.Chain;

/// <summary>A node's tip as peers see it; a claim only, never trusted without the blocks.</summary>
[GenerateSerializer, Immutable, Alias("chain.TipInfo")]
public sealed record TipInfo(
    [property: Id(0)] string Hash,
    [property: Id(1)] long Height);
