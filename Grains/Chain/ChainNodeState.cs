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
}
