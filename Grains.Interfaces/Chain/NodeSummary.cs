namespace Grains.Interfaces.Chain;

/// <summary>A node at a glance: network, tip, work, pool, peers, mining, policy, owner and the node's own wallet address.</summary>
[GenerateSerializer, Immutable, Alias("chain.NodeSummary")]
public sealed record NodeSummary(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string NetworkId,
    [property: Id(2)] string TipHash,
    [property: Id(3)] long Height,
    [property: Id(4)] string CumulativeWork,
    [property: Id(5)] int KnownBlocks,
    [property: Id(6)] int PendingTransactions,
    [property: Id(7)] IReadOnlyList<PeerInfo> Peers,
    [property: Id(8)] bool ContinuousMining,
    [property: Id(9)] bool MiningNow,
    [property: Id(10)] string RewardAddress,
    [property: Id(11)] long MinFee,
    [property: Id(12)] string NextBits,
    [property: Id(13)] string? OwnerId,
    [property: Id(14)] string WalletAddress);
