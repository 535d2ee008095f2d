using Grains.Chain.Consensus;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Grains.Chain;

public sealed partial class ChainNodeGrain
{
    private const int FetchBatch = 500;

    public Task<TipInfo> GetTipAsync()
    {
        RequireCreated();
        return Task.FromResult(new TipInfo(_tree.Tip.Hash.ToString(), _tree.Tip.Height));
    }

    public Task<IReadOnlyList<byte[]>> GetAncestorsAsync(string hash, int max)
    {
        RequireCreated();
        var blocks = new List<byte[]>();
        if (Hash256.TryParse(hash, out var parsed))
        {
            for (var entry = _tree.Find(parsed); entry is not null && blocks.Count < Math.Clamp(max, 1, FetchBatch); entry = entry.Parent)
                blocks.Add(entry.Block.Encode());
        }

        return Task.FromResult<IReadOnlyList<byte[]>>(blocks);
    }

    public async Task AnnounceBlockAsync(byte[] block, string fromNode)
    {
        if (!_state.State.Created || _peerBook.IsIgnored(fromNode, Now))
            return;
        Block announced;
        try
        {
            announced = Block.Decode(block);
        }
        catch (FormatException ex)
        {
            Strike(fromNode, new RuleViolation(BlockValidator.Malformed, ex.Message));
            return;
        }

        if (_tree.Contains(announced.Hash))
            return;
        var (branch, problem) = await FetchBranchAsync(fromNode, announced.Hash, announced);
        if (problem is not null)
        {
            Strike(fromNode, problem);
            return;
        }

        if (branch.Count > 0 && (await AcceptBlocksAsync(branch, fromNode)).Violation is { } violation)
            Strike(fromNode, violation);
    }

    public async Task AnnounceTransactionAsync(byte[] transaction, string fromNode)
    {
        if (!_state.State.Created || _peerBook.IsIgnored(fromNode, Now))
            return;
        Transaction tx;
        try
        {
            tx = Transaction.Decode(transaction);
        }
        catch (FormatException ex)
        {
            Strike(fromNode, new RuleViolation(TransactionRules.Malformed, ex.Message));
            return;
        }

        if (StatusOf(tx.Id) is not null || _mempool.Count >= Options.MaxMempoolTransactions || tx.Fee < _state.State.MinFee)
            return;
        if (TransactionRules.CheckStateless(tx, _parameters.NetworkId) is { } forged)
        {
            // A bad signature or shape is the sender's fault; a stale nonce or balance may just be timing.
            Strike(fromNode, forged);
            return;
        }

        if (_mempool.TryAdd(tx, _tree.TipLedger, signatureChecked: true) is null)
        {
            await _store.SavePendingAsync(NodeId, [new StoredTransaction(tx.Id.ToArray(), tx.Encode())], []);
            Gossip(peer => peer.AnnounceTransactionAsync(transaction, NodeId), except: fromNode);
        }
    }

    public async Task<ResolveResult> ResolveAsync()
    {
        RequireCreated();
        var before = _tree.Tip;
        var outcomes = new List<PeerOutcome>();
        foreach (var peerId in _state.State.Peers.ToArray())
        {
            if (_peerBook.IsIgnored(peerId, Now))
            {
                outcomes.Add(new PeerOutcome(peerId, PeerOutcomeKind.Ignored, 0));
                continue;
            }

            TipInfo tip;
            try
            {
                tip = await GrainFactory.GetGrain<IChainNodeGrain>(peerId).GetTipAsync();
            }
            catch (Exception ex) when (ex is DomainException or TimeoutException or OrleansException)
            {
                outcomes.Add(new PeerOutcome(peerId, PeerOutcomeKind.Unreachable, 0));
                continue;
            }

            if (!Hash256.TryParse(tip.Hash, out var tipHash))
            {
                Strike(peerId, new RuleViolation(BlockValidator.Malformed, "tip hash is not 64 hex digits"));
                outcomes.Add(new PeerOutcome(peerId, PeerOutcomeKind.Invalid, 0, BlockValidator.Malformed));
                continue;
            }

            if (_tree.Contains(tipHash))
            {
                outcomes.Add(new PeerOutcome(peerId, PeerOutcomeKind.NothingNew, 0));
                continue;
            }

            var (branch, problem) = await FetchBranchAsync(peerId, tipHash, null);
            var result = problem is null ? await AcceptBlocksAsync(branch, peerId) : null;
            if ((problem ?? result!.Violation) is { } violation)
            {
                Strike(peerId, violation);
                outcomes.Add(new PeerOutcome(peerId, PeerOutcomeKind.Invalid, branch.Count, violation.Code));
                continue;
            }

            outcomes.Add(new PeerOutcome(peerId, _tree.Tip.Hash == tipHash ? PeerOutcomeKind.Adopted : PeerOutcomeKind.LessWork, branch.Count));
        }

        return new ResolveResult(_tree.Tip != before, _tree.Tip.Hash.ToString(), _tree.Tip.Height, outcomes);
    }

    /// <summary>
    /// Validates and adds blocks (parents first), stores the new ones in one batch, and when the best
    /// chain moved: returns abandoned transactions to the mempool, drops what became invalid, restarts
    /// a running miner and announces the new tip. Stops at the first invalid block.
    /// </summary>
    private async Task<BatchOutcome> AcceptBlocksAsync(IReadOnlyList<Block> blocks, string? source)
    {
        var tipBefore = _tree.Tip;
        var stored = new List<StoredBlock>();
        RuleViolation? violation = null;
        var now = Now.ToUnixTimeMilliseconds();
        foreach (var block in blocks)
        {
            if (_tree.Contains(block.Hash))
                continue;
            if (!_tree.Contains(block.Header.PreviousHash))
            {
                violation = new RuleViolation(BlockValidator.Link, $"parent {block.Header.PreviousHash} of block {block.Hash} is unknown");
                break;
            }

            try
            {
                var ledger = _tree.Validate(block, now);
                var sequence = _tree.NextSequence;
                _tree.Add(block, ledger, sequence);
                stored.Add(new StoredBlock(sequence, block.Height, block.Hash.ToArray(), block.Header.PreviousHash.ToArray(), block.Encode()));
            }
            catch (RuleViolationException ex)
            {
                violation = ex.Violation;
                _logger.LogInformation("Node {Node} refused block {Hash} from {Source}: {Violation}", NodeId, block.Hash, source ?? "its miner", ex.Violation);
                break;
            }
        }

        if (stored.Count > 0)
        {
            try
            {
                await _store.AppendBlocksAsync(NodeId, stored);
            }
            catch
            {
                // Memory is now ahead of the store: start over from the store on the next call.
                DeactivateOnIdle();
                throw;
            }
        }

        if (_tree.Tip != tipBefore)
            await OnTipChangedAsync(tipBefore, source);
        return new BatchOutcome(stored.Count, violation);
    }

    private async Task OnTipChangedAsync(BlockEntry oldTip, string? source)
    {
        var (disconnected, _) = BlockTree.PathBetween(oldTip, _tree.Tip);
        var returned = disconnected.SelectMany(e => e.Block.Transactions.Skip(1)).ToList();
        var change = _mempool.Rebuild(_tree.TipLedger, returned, id => _tree.FindTransaction(id) is not null);
        await _store.SavePendingAsync(NodeId,
            change.Added.Select(t => new StoredTransaction(t.Id.ToArray(), t.Encode())).ToList(),
            change.Removed.Select(id => id.ToArray()).ToList());
        if (disconnected.Count > 0)
            _logger.LogInformation("Node {Node} reorganised: {Left} blocks left the best chain, {Returned} transactions back in the mempool",
                NodeId, disconnected.Count, change.Added.Count);

        RestartMining();
        var tip = _tree.Tip.Block.Encode();
        Gossip(peer => peer.AnnounceBlockAsync(tip, NodeId), except: source);
    }

    /// <summary>
    /// The blocks from the first one this node lacks up to <paramref name="hash"/>, oldest first, asked
    /// of the peer in batches. Each block must hash to what was asked for, so a peer cannot slip in others.
    /// </summary>
    private async Task<(List<Block> Blocks, RuleViolation? Problem)> FetchBranchAsync(string peerId, Hash256 hash, Block? newest)
    {
        var peer = GrainFactory.GetGrain<IChainNodeGrain>(peerId);
        var blocks = new List<Block>();
        var next = hash;
        if (newest is not null)
        {
            if (WithoutWork(newest) is { } fake)
                return ([], fake);
            blocks.Add(newest);
            next = newest.Header.PreviousHash;
        }

        while (!_tree.Contains(next))
        {
            if (blocks.Count >= Options.MaxFetchBlocks)
                return ([], new RuleViolation("fetch_limit", $"branch is longer than {Options.MaxFetchBlocks} blocks"));
            IReadOnlyList<byte[]> batch;
            try
            {
                batch = await peer.GetAncestorsAsync(next.ToString(), Math.Min(FetchBatch, Options.MaxFetchBlocks - blocks.Count));
            }
            catch (Exception ex) when (ex is DomainException or TimeoutException or OrleansException)
            {
                _logger.LogInformation("Node {Node} could not fetch blocks from {Peer}: {Reason}", NodeId, peerId, ex.Message);
                return ([], null);
            }

            if (batch.Count == 0)
                return ([], new RuleViolation("missing_ancestors", $"peer {peerId} announced block {next} but does not have it"));
            foreach (var bytes in batch)
            {
                Block block;
                try
                {
                    block = Block.Decode(bytes);
                }
                catch (FormatException ex)
                {
                    return ([], new RuleViolation(BlockValidator.Malformed, ex.Message));
                }

                if (block.Hash != next)
                    return ([], new RuleViolation(BlockValidator.Link, $"asked for block {next}, peer sent {block.Hash}"));

                if (WithoutWork(block) is { } fake)
                    return ([], fake);
                blocks.Add(block);
                next = block.Header.PreviousHash;
                if (_tree.Contains(next))
                    break;
            }
        }

        blocks.Reverse();
        return (blocks, null);
    }

    /// <summary>
    /// Full validation waits until a fetched branch reaches a known block; meanwhile every block must at
    /// least carry real work, so a peer cannot make this node hold a long branch of made-up blocks.
    /// </summary>
    private RuleViolation? WithoutWork(Block block) =>
        !CompactTarget.TryDecode(block.Header.Bits, out var claimed) || claimed > _parameters.Difficulty.PowLimit || !ProofOfWork.Meets(block.Hash, block.Header.Bits)
            ? new RuleViolation(BlockValidator.Proof, $"block {block.Hash} does not carry the work its header claims")
            : null;

    /// <summary>Fire-and-forget calls to every peer not being ignored; one-way, so nothing waits and fan-out is bounded by the peer cap.</summary>
    private void Gossip(Func<IChainNodeGrain, Task> send, string? except)
    {
        var now = Now;
        foreach (var peer in _state.State.Peers)
        {
            if (peer == except || _peerBook.IsIgnored(peer, now))
                continue;
            _ = send(GrainFactory.GetGrain<IChainNodeGrain>(peer));
        }
    }

    private void Strike(string peer, RuleViolation violation)
    {
        if (_peerBook.Strike(peer, Now))
            _logger.LogWarning("Node {Node} ignores peer {Peer} for {Seconds} s after repeated invalid data (last: {Violation})", NodeId, peer, Options.BanSeconds, violation);
    }

    private sealed record BatchOutcome(int Accepted, RuleViolation? Violation);
}
