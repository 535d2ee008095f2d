namespace Grains.Interfaces.Chain;

/// <summary>Part of a node's best chain, by height, and the chain's full length (genesis counts as 1).</summary>
[GenerateSerializer, Immutable, Alias("chain.ChainPage")]
public sealed record ChainPage(
    [property: Id(0)] IReadOnlyList<BlockInfo> Blocks,
    [property: Id(1)] long Length,
    [property: Id(2)] string TipHash);
