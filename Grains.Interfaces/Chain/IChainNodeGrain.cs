using Orleans.Concurrency;

namespace Grains.Interfaces.Chain;

/// <summary>
/// One proof-of-work chain node (key: node id). It keeps a block tree with the best chain by most
/// work, the ledger, a mempool and its peers. Nodes come into being on first use; reads of a node
/// never used fail with <c>unknown_node</c>. Reads interleave with other calls so nodes can ask each
/// other for blocks without deadlocking.
/// </summary>
[Alias("IChainNodeGrain")]
public interface IChainNodeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the node if needed (genesis, its own wallet key, <paramref name="ownerId"/> as owner) and returns its
    /// summary; an existing node keeps its owner. Every other write needs the node to exist (404 <c>unknown_node</c>).
    /// </summary>
    [Alias("EnsureCreated")]
    Task<NodeSummary> EnsureCreatedAsync(string ownerId);

    [AlwaysInterleave, Alias("Exists")]
    Task<bool> ExistsAsync();

    [AlwaysInterleave, Alias("GetSummary")]
    Task<NodeSummary> GetSummaryAsync();

    /// <summary>Best-chain blocks from <paramref name="fromHeight"/>, at most <paramref name="limit"/>.</summary>
    [AlwaysInterleave, Alias("GetChain")]
    Task<ChainPage> GetChainAsync(long fromHeight, int limit);

    [AlwaysInterleave, Alias("GetBlock")]
    Task<BlockInfo> GetBlockAsync(string hash);

    [AlwaysInterleave, Alias("GetAccount")]
    Task<AccountInfo> GetAccountAsync(string address);

    [AlwaysInterleave, Alias("GetTransaction")]
    Task<TransactionStatus> GetTransactionAsync(string id);

    [AlwaysInterleave, Alias("GetMempool")]
    Task<IReadOnlyList<TransactionInfo>> GetMempoolAsync();

    /// <summary>
    /// Mines one block on the tip (mempool by fee, coinbase to <paramref name="rewardAddress"/> or the
    /// node's reward address), stores and announces it, and returns it. A call while mining is under
    /// way joins it. The hashing runs on worker threads; this call only waits.
    /// </summary>
    [AlwaysInterleave, Alias("Mine")]
    Task<BlockInfo> MineAsync(string? rewardAddress);

    /// <summary>Starts or stops continuous background mining (kept across restarts); only the owner may (403 <c>not_node_owner</c>).</summary>
    [Alias("SetMining")]
    Task<NodeSummary> SetMiningAsync(string callerId, bool enabled);

    /// <summary>Changes the reward address and minimum fee; only the owner may (403 <c>not_node_owner</c>).</summary>
    [Alias("UpdateSettings")]
    Task<NodeSummary> UpdateSettingsAsync(string callerId, NodeSettings settings);

    /// <summary>
    /// A transfer from the node's own wallet, signed by the node with its next nonce and a fee of at least its
    /// minimum (the tutorial's unsigned <c>/transactions/new</c>), with an optional <paramref name="memo"/> the
    /// signature covers; then handled as <see cref="SubmitTransactionAsync"/>.
    /// </summary>
    [Alias("SendFromWallet")]
    Task<SubmitResult> SendFromWalletAsync(string to, long amount, long? fee, string? memo = null);

    /// <summary>Validates a signed transaction and adds it to the mempool (idempotent for the same transaction).</summary>
    [Alias("SubmitTransaction")]
    Task<SubmitResult> SubmitTransactionAsync(TransactionData transaction);

    /// <summary>Adds peers by node id; each must be an existing node other than this one.</summary>
    [Alias("AddPeers")]
    Task<IReadOnlyList<PeerInfo>> AddPeersAsync(IReadOnlyList<string> nodeIds);

    /// <summary>Pulls each peer's chain, validates every block it lacks, and keeps the chain with most work.</summary>
    [Alias("Resolve")]
    Task<ResolveResult> ResolveAsync();

    /// <summary>Gossip: a peer's new best block (canonical encoding). Missing ancestors are fetched from the sender.</summary>
    [OneWay, Alias("AnnounceBlock")]
    Task AnnounceBlockAsync(byte[] block, string fromNode);

    /// <summary>Gossip: a transaction a peer accepted (canonical encoding).</summary>
    [OneWay, Alias("AnnounceTransaction")]
    Task AnnounceTransactionAsync(byte[] transaction, string fromNode);

    [AlwaysInterleave, Alias("GetTip")]
    Task<TipInfo> GetTipAsync();

    /// <summary>The block with this hash and up to <paramref name="max"/> - 1 of its ancestors, newest first, encoded.</summary>
    [AlwaysInterleave, Alias("GetAncestors")]
    Task<IReadOnlyList<byte[]>> GetAncestorsAsync(string hash, int max);

    /// <summary>The node's own miner reporting a proof; validated like any peer's block.</summary>
    [Alias("SubmitMinedBlock")]
    Task SubmitMinedBlockAsync(byte[] block, long jobId);

    /// <summary>Transactions to or from <paramref name="address"/>, newest first: pending, then recent blocks (a bounded walk back).</summary>
    [AlwaysInterleave, Alias("GetActivity")]
    Task<IReadOnlyList<TransactionStatus>> GetActivityAsync(string address, int limit);

    /// <summary>
    /// What <paramref name="sender"/> signed with nonces <paramref name="fromNonce"/> to <paramref name="fromNonce"/> +
    /// <paramref name="count"/> - 1, by nonce: mined (best chain, a bounded walk back) or else pending; nonces not found are absent.
    /// </summary>
    [AlwaysInterleave, Alias("GetSent")]
    Task<IReadOnlyDictionary<long, TransactionStatus>> GetSentAsync(string sender, long fromNonce, int count);

    /// <summary>
    /// Several signed transactions at once, in order (one store write for all): what fits is added; a refusal stops the
    /// batch with its code, a full mempool with 429 <c>mempool_full</c> after what was added.
    /// </summary>
    [Alias("SubmitTransactions")]
    Task<SubmitResult[]> SubmitTransactionsAsync(IReadOnlyList<TransactionData> transactions);
}
