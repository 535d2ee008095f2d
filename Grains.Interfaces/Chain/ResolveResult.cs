namespace Grains.Interfaces.Chain;

/// <summary>What resolving against the peers did: whether the best chain was replaced and what each peer gave.</summary>
[GenerateSerializer, Immutable, Alias("chain.ResolveResult")]
public sealed record ResolveResult(
    [property: Id(0)] bool Replaced,
    [property: Id(1)] string TipHash,
    [property: Id(2)] long Height,
    [property: Id(3)] IReadOnlyList<PeerOutcome> Peers);
