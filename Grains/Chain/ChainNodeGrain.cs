using Grains.Chain.Consensus;
using Grains.Chain.Mining;
using Grains.Chain.Model;
using Grains.Chain.Peers;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Grains.Chain;

/// <summary>
/// A chain node. It orchestrates the pure rules (<see cref="BlockTree"/>, <see cref="BlockIntake"/>,
/// <see cref="Mempool"/>, <see cref="MiningJobs"/>, <see cref="PeerBook"/>): blocks go to the block store, the small
/// settings to grain state, and the tree, ledger and mempool are rebuilt from the store on activation.
/// </summary>
public sealed partial class ChainNodeGrain : Grain, IChainNodeGrain, IRemindable
{
    private readonly IPersistentState<ChainNodeState> _state;
    private readonly IBlockStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<ChainNodeGrain> _logger;
    private readonly ChainParameters _parameters;
    private readonly PeerBook _peerBook;
    private readonly MiningJobs _mining;
    private BlockTree _tree = null!;
    private Mempool _mempool = null!;
    private string? _walletAddress;

    public ChainNodeGrain(
        [PersistentState("chain", StorageNames.State)] IPersistentState<ChainNodeState> state,
        IBlockStore store,
        IOptions<ChainOptions> options,
        TimeProvider clock,
        ILogger<ChainNodeGrain> logger)
    {
        _state = state;
        _store = store;
        _clock = clock;
        _logger = logger;
        _parameters = new ChainParameters(options.Value);
        _peerBook = new PeerBook(options.Value.BanThreshold, TimeSpan.FromSeconds(options.Value.BanSeconds));
        _mining = new MiningJobs(Launch);
    }

    private string NodeId => this.GetPrimaryKeyString();
    private ChainOptions Options => _parameters.Options;
    private string RewardAddress => _state.State.RewardAddress ?? WalletAddress;

    /// <summary>The node's own wallet (nodes created before wallets existed paid a keyless label address).</summary>
    private string WalletAddress => _walletAddress ??= _state.State.WalletKey is { } key
        ? Address.FromPublicKey(TransactionSigner.PublicKeyOf(key))
        : Address.ForLabel(NodeId);
    private DateTimeOffset Now => _clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tree = new BlockTree(_parameters);
        _mempool = new Mempool(_parameters);
        if (_state.State.Created && _state.State.WalletKey is null)
        {
            _state.State.WalletKey = TransactionSigner.CreateKeyPair().PrivateKey;
            await _state.WriteStateAsync(cancellationToken);
        }

        if (_state.State.NetworkId is { } network && network != _parameters.NetworkId)
            _logger.LogWarning("Node {Node} was created on network {Old}; configuration now says {New}", NodeId, network, _parameters.NetworkId);

        var skipped = 0;
        foreach (var stored in await _store.LoadBlocksAsync(NodeId, cancellationToken))
        {
            var block = Block.Decode(stored.Encoded);
            if (_tree.Contains(block.Header.PreviousHash))
                _tree.Add(block, null, stored.Sequence);
            else
                skipped++;
        }

        if (skipped > 0)
            _logger.LogWarning("Node {Node}: {Count} stored blocks had no stored parent and were skipped", NodeId, skipped);

        foreach (var pending in await _store.LoadPendingAsync(NodeId, cancellationToken))
            _mempool.TryAdd(Transaction.Decode(pending.Encoded), _tree.TipLedger);

        if (_state.State.ContinuousMining)
            _mining.KeepMining(RewardAddress);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _mining.Stop(DomainException.Unavailable(ErrorCodes.NodeDeactivated, "the node was deactivated while mining; try again", TimeSpan.FromSeconds(1)));
        return Task.CompletedTask;
    }

    public async Task<NodeSummary> EnsureCreatedAsync(string ownerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (!_state.State.Created)
        {
            _state.State.Created = true;
            _state.State.NetworkId = _parameters.NetworkId;
            _state.State.CreatedAt = Now;
            _state.State.OwnerId = ownerId;
            _state.State.WalletKey = TransactionSigner.CreateKeyPair().PrivateKey;
            _walletAddress = null;
            await _state.WriteStateAsync();
        }

        return Summary();
    }

    public Task<bool> ExistsAsync() => Task.FromResult(_state.State.Created);

    public Task<NodeSummary> GetSummaryAsync()
    {
        RequireCreated();
        return Task.FromResult(Summary());
    }

    public Task<ChainPage> GetChainAsync(long fromHeight, int limit)
    {
        RequireCreated();
        var best = _tree.BestChain;
        var from = (int)Math.Clamp(fromHeight, 0, best.Count);
        var count = Math.Clamp(limit, 0, Math.Min(1_000, best.Count - from));
        var blocks = best.Skip(from).Take(count).Select(e => ChainViews.ToInfo(e.Block)).ToArray();
        return Task.FromResult(new ChainPage(blocks, best.Count, _tree.Tip.Hash.ToString()));
    }

    public Task<BlockInfo> GetBlockAsync(string hash)
    {
        RequireCreated();
        var entry = Hash256.TryParse(hash, out var parsed) ? _tree.Find(parsed) : null;
        return entry is null
            ? throw DomainException.NotFound(ErrorCodes.UnknownBlock, $"node {NodeId} has no block {hash}")
            : Task.FromResult(ChainViews.ToInfo(entry.Block));
    }

    public Task<AccountInfo> GetAccountAsync(string address)
    {
        RequireCreated();
        if (!Address.IsValid(address))
            throw DomainException.Invalid(ErrorCodes.BadAddress, "an address is 40 lower-case hex digits");
        return Task.FromResult(ChainViews.AccountOf(address, _tree, _mempool));
    }

    public Task<TransactionStatus> GetTransactionAsync(string id)
    {
        RequireCreated();
        if (!Hash256.TryParse(id, out var parsed))
            throw DomainException.Invalid(ErrorCodes.BadTransactionId, "a transaction id is 64 lower-case hex digits");
        return Task.FromResult(StatusOf(parsed) ?? throw DomainException.NotFound(ErrorCodes.UnknownTransaction, $"node {NodeId} knows no transaction {id}"));
    }

    public Task<IReadOnlyList<TransactionInfo>> GetMempoolAsync()
    {
        RequireCreated();
        return Task.FromResult<IReadOnlyList<TransactionInfo>>(_mempool.Transactions.Select(ChainViews.ToInfo).ToArray());
    }

    public async Task<NodeSummary> UpdateSettingsAsync(string callerId, NodeSettings settings)
    {
        RequireOwner(callerId);
        if (settings.RewardAddress is { } address && (!Address.IsValid(address) || address == Address.Coinbase))
            throw DomainException.Invalid(ErrorCodes.BadAddress, "rewardAddress must be 40 lower-case hex digits, not the all-zero coinbase address");
        if (settings.MinFee is < 0)
            throw DomainException.Invalid(ErrorCodes.BadFee, "minFee must not be negative");
        _state.State.RewardAddress = settings.RewardAddress ?? _state.State.RewardAddress;
        _state.State.MinFee = settings.MinFee ?? _state.State.MinFee;
        await _state.WriteStateAsync();
        return Summary();
    }

    public async Task<IReadOnlyList<PeerInfo>> AddPeersAsync(IReadOnlyList<string> nodeIds)
    {
        RequireCreated();
        if (nodeIds is null || nodeIds.Count == 0)
            throw DomainException.Invalid(ErrorCodes.PeersMissing, "give at least one peer node id");
        foreach (var id in nodeIds)
        {
            if (!NodeIds.IsValid(id))
                throw DomainException.Invalid(ErrorCodes.PeerInvalid, $"'{id}' is not a node id");
            if (id == NodeId)
                throw DomainException.Invalid(ErrorCodes.PeerSelf, "a node cannot be its own peer");
            if (!await GrainFactory.GetGrain<IChainNodeGrain>(id).ExistsAsync())
                throw DomainException.Invalid(ErrorCodes.PeerUnknown, $"there is no node '{id}' (a node exists once it has been used)");
        }

        var peers = _state.State.Peers.Union(nodeIds, StringComparer.Ordinal).ToList();
        if (peers.Count > Options.MaxPeers)
            throw DomainException.Invalid(ErrorCodes.TooManyPeers, $"a node has at most {Options.MaxPeers} peers");
        _state.State.Peers = peers;
        await _state.WriteStateAsync();
        return PeerInfos();
    }

    private void RequireCreated()
    {
        if (!_state.State.Created)
            throw DomainException.NotFound(ErrorCodes.UnknownNode, $"there is no node '{NodeId}'");
    }

    private void RequireOwner(string callerId)
    {
        RequireCreated();
        if (callerId != _state.State.OwnerId)
            throw DomainException.Forbidden(ErrorCodes.NotNodeOwner, $"only the owner of node {NodeId} may change its settings or mining");
    }

    private TransactionStatus? StatusOf(Hash256 id) => ChainViews.StatusOf(id, _tree, _mempool);

    private NodeSummary Summary() => new(
        NodeId,
        _parameters.NetworkId,
        _tree.Tip.Hash.ToString(),
        _tree.Tip.Height,
        _tree.Tip.CumulativeWork.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _tree.Count,
        _mempool.Count,
        PeerInfos(),
        _state.State.ContinuousMining,
        _mining.IsRunning,
        RewardAddress,
        _state.State.MinFee,
        _tree.ContextFor(_tree.Tip).ExpectedBits.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
        _state.State.OwnerId,
        WalletAddress);

    private List<PeerInfo> PeerInfos() => _state.State.Peers.Select(p =>
    {
        var (strikes, until) = _peerBook.RecordOf(p, Now);
        return new PeerInfo(p, strikes, until);
    }).ToList();

    private static DomainException Refused(RuleViolation violation) => DomainException.Invalid(violation.Code, violation.Message);
}
