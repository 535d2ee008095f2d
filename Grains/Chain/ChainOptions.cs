using System.ComponentModel.DataAnnotations;

namespace Grains.Chain;

/// <summary>Settings under <c>Chain</c> (environment: <c>Chain__Name</c>); every node of a deployment is on this network.</summary>
public sealed class ChainOptions
{
    public const string Section = "Chain";

    /// <summary>Network (chain) id: part of the genesis block and of every signed transaction.</summary>
    [Required, RegularExpression("^[!-~]{1,64}$")]
    public string NetworkId { get; set; } = "chaincoin-teaching";

    /// <summary>The node the tutorial's unprefixed routes (<c>/mine</c>, <c>/chain</c>, ...) go to.</summary>
    [Required, RegularExpression(NodeIds.Pattern)]
    public string DefaultNode { get; set; } = "node";

    public DifficultyMode Difficulty { get; set; } = DifficultyMode.Fixed;

    /// <summary>Initial (and, in Fixed mode, every) target in compact hex; 1f00ffff is "four leading hex zeros".</summary>
    [Required, RegularExpression("^(0x)?[0-9a-fA-F]{1,8}$")]
    public string InitialBits { get; set; } = "1f00ffff";

    /// <summary>Retarget mode: blocks between adjustments.</summary>
    [Range(2, 100_000)]
    public int RetargetInterval { get; set; } = 10;

    /// <summary>Retarget mode: the block interval the target steers toward.</summary>
    [Range(1, 86_400_000)]
    public long TargetSpacingMs { get; set; } = 10_000;

    /// <summary>Block reward in units (1 coin = 100,000,000 units); 12.5 coins by default.</summary>
    [Range(0, long.MaxValue / 4)]
    public long BlockReward { get; set; } = 1_250_000_000;

    /// <summary>Confirmations before a coinbase payment can be spent.</summary>
    [Range(0, 10_000)]
    public int CoinbaseMaturity { get; set; } = 3;

    [Range(1_000, 32_000_000)]
    public int MaxBlockBytes { get; set; } = 1_000_000;

    /// <summary>Cores one node's miner uses.</summary>
    [Range(1, 256)]
    public int MiningCores { get; set; } = 1;

    /// <summary>Continuous mining waits this long between blocks, so an easy teaching target does not flood the chain.</summary>
    [Range(0, 3_600_000)]
    public int ContinuousMiningPauseMs { get; set; } = 1_000;

    /// <summary>Genesis timestamp, ms since the Unix epoch (UTC): 2025-01-01T00:00:00Z.</summary>
    public long GenesisTimestampMs { get; set; } = 1_735_689_600_000;

    /// <summary>How far ahead of this node's clock a block's timestamp may be.</summary>
    [Range(0, 86_400_000)]
    public long MaxFutureMs { get; set; } = 2 * 60 * 60 * 1000;

    [Range(1, 1_000)]
    public int MaxPeers { get; set; } = 64;

    [Range(1, 1_000_000)]
    public int MaxMempoolTransactions { get; set; } = 10_000;

    /// <summary>Invalid messages from one peer before it is ignored.</summary>
    [Range(1, 1_000)]
    public int BanThreshold { get; set; } = 3;

    [Range(1, 86_400)]
    public int BanSeconds { get; set; } = 600;

    /// <summary>Most blocks asked of a peer when fetching missing ancestors or resolving.</summary>
    [Range(1, 1_000_000)]
    public int MaxFetchBlocks { get; set; } = 100_000;
}
