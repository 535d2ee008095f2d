namespace Grains.Chain;

/// <summary>A node's small, bounded persistent state; blocks and pending transactions live in the block store.</summary>
[GenerateSerializer, Alias("chain.ChainNodeState")]
public sealed class ChainNodeState
{
    [Id(0)]
    public bool Created { get; set; }

    [Id(1)]
    public string? NetworkId { get; set; }

    [Id(2)]
    public List<string> Peers { get; set; } = [];

    /// <summary>Where this node's coinbase pays when a mine request names no address.</summary>
    [Id(3)]
    public string? RewardAddress { get; set; }

    [Id(4)]
    public bool ContinuousMining { get; set; }

    /// <summary>Mempool policy: the lowest fee (units) this node accepts.</summary>
    [Id(5)]
    public long MinFee { get; set; }

    [Id(6)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The account that created the node: only it changes settings and the mining switch.</summary>
    [Id(7)]
    public string? OwnerId { get; set; }

    /// <summary>
    /// The node's own wallet key (P-256 scalar), like a full node's built-in wallet: rewards go to its address by
    /// default, and the tutorial's unsigned transfers from the node are signed with it.
    /// </summary>
    [Id(8)]
    public byte[]? WalletKey { get; set; }
}
