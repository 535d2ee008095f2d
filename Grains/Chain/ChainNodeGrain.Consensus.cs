using System.Diagnostics.CodeAnalysis;
using Grains.Chain.Consensus;
using Grains.Chain.Model;
using Grains.Chain.Peers;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Grains.Chain;

public sealed partial class ChainNodeGrain
{
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
            for (var entry = _tree.Find(parsed); entry is not null && blocks.Count < Math.Clamp(max, 1, BranchFetch.MaxBatch); entry = entry.Parent)
                blocks.Add(entry.Block.Encode());
        }

        return Task.FromResult<IReadOnlyList<byte[]>>(blocks);
    }

    public async Task AnnounceBlockAsync(byte[] block, string fromNode)
    {
        if (!TryTakeGossip(fromNode, () => Block.Decode(block), BlockValidator.Malformed, out var announced) || _tree.Contains(announced.Hash))
            return;
        var fetched = await FetchBranchAsync(fromNode, announced.Hash, announced);
        if (fetched.Problem is { } problem)
            Strike(fromNode, problem);
        else if (fetched.Blocks.Count > 0 && (await AcceptBlocksAsync(fetched.Blocks, fromNode)).Violation is { } violation)
            Strike(fromNode, violation);
    }

    public async Task<ResolveResult> ResolveAsync()
    {
        RequireCreated();
        var before = _tree.Tip;
        var outcomes = new List<PeerOutcome>();
        foreach (var peerId in _state.State.Peers.ToArray())
            outcomes.Add(await ResolveWithAsync(peerId));
        return new ResolveResult(_tree.Tip != before, _tree.Tip.Hash.ToString(), _tree.Tip.Height, outcomes);
    }

    /// <summary>Takes whatever the peer's best chain has that this node lacks, and says what became of it.</summary>
    private async Task<PeerOutcome> ResolveWithAsync(string peerId)
    {
        if (_peerBook.IsIgnored(peerId, Now))
            return new PeerOutcome(peerId, PeerOutcomeKind.Ignored, 0);

        TipInfo tip;
        try
        {
            tip = await GrainFactory.GetGrain<IChainNodeGrain>(peerId).GetTipAsync();
        }
        catch (Exception ex) when (ex is DomainException or TimeoutException or OrleansException)
        {
            return new PeerOutcome(peerId, PeerOutcomeKind.Unreachable, 0);
        }

        if (!Hash256.TryParse(tip.Hash, out var tipHash))
        {
            Strike(peerId, new RuleViolation(BlockValidator.Malformed, "tip hash is not 64 hex digits"));
            return new PeerOutcome(peerId, PeerOutcomeKind.Invalid, 0, BlockValidator.Malformed);
        }

        if (_tree.Contains(tipHash))
            return new PeerOutcome(peerId, PeerOutcomeKind.NothingNew, 0);

        var fetched = await FetchBranchAsync(peerId, tipHash, null);
        if (fetched.PeerUnreachable)
            return new PeerOutcome(peerId, PeerOutcomeKind.Unreachable, 0);
        var blocks = fetched.Blocks;
        if ((fetched.Problem ?? (await AcceptBlocksAsync(blocks, peerId)).Violation) is { } violation)
        {
            Strike(peerId, violation);
            return new PeerOutcome(peerId, PeerOutcomeKind.Invalid, blocks.Count, violation.Code);
        }

        return new PeerOutcome(peerId, _tree.Tip.Hash == tipHash ? PeerOutcomeKind.Adopted : PeerOutcomeKind.LessWork, blocks.Count);
    }

    /// <summary>
    /// Takes blocks into the tree (parents first, up to the first invalid one) and stores the new ones in one
    /// batch; when the best chain moved: returns abandoned transactions to the mempool, drops what became
    /// invalid, restarts a running miner and announces the new tip.
    /// </summary>
    private async Task<IntakeResult> AcceptBlocksAsync(IReadOnlyList<Block> blocks, string? source)
    {
        var tipBefore = _tree.Tip;
        var intake = BlockIntake.Accept(_tree, blocks, Now.ToUnixTimeMilliseconds());
        if (intake.Violation is { } violation)
            _logger.LogInformation("Node {Node} refused block {Hash} from {Source}: {Violation}", NodeId, intake.Refused!.Hash, source ?? "its miner", violation);

        if (intake.Added.Count > 0)
        {
            try
            {
                await _store.AppendBlocksAsync(NodeId, intake.Added.Select(e =>
                    new StoredBlock(e.Sequence, e.Height, e.Hash.ToArray(), e.Header.PreviousHash.ToArray(), e.Block.Encode())).ToList());
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
        return intake;
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

        _mining.Restart();
        var tip = _tree.Tip.Block.Encode();
        Gossip(peer => peer.AnnounceBlockAsync(tip, NodeId), except: source);
    }

    /// <summary>Asks the peer for the blocks this node lacks up to <paramref name="hash"/>, in batches (see <see cref="BranchFetch"/>).</summary>
    private async Task<BranchFetch> FetchBranchAsync(string peerId, Hash256 hash, Block? announced)
    {
        var peer = GrainFactory.GetGrain<IChainNodeGrain>(peerId);
        var fetch = new BranchFetch(_tree, hash, Options.MaxFetchBlocks);
        if (announced is not null)
            fetch.TakeAnnounced(announced);
        while (fetch.NeedsMore())
        {
            try
            {
                fetch.Take(await peer.GetAncestorsAsync(fetch.Next.ToString(), fetch.BatchSize), peerId);
            }
            catch (Exception ex) when (ex is DomainException or TimeoutException or OrleansException)
            {
                _logger.LogInformation("Node {Node} could not fetch blocks from {Peer}: {Reason}", NodeId, peerId, ex.Message);
                fetch.PeerStoppedAnswering();
            }
        }

        return fetch;
    }

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

    /// <summary>
    /// Gossip counts only from a peer this node is not ignoring, and only once this node exists; bytes that do not
    /// decode earn the sender a strike under <paramref name="malformed"/>.
    /// </summary>
    private bool TryTakeGossip<T>(string fromNode, Func<T> decode, string malformed, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        if (!_state.State.Created || _peerBook.IsIgnored(fromNode, Now))
            return false;
        try
        {
            value = decode();
            return true;
        }
        catch (FormatException ex)
        {
            Strike(fromNode, new RuleViolation(malformed, ex.Message));
            return false;
        }
    }

    private void Strike(string peer, RuleViolation violation)
    {
        if (_peerBook.Strike(peer, Now))
            _logger.LogWarning("Node {Node} ignores peer {Peer} for {Seconds} s after repeated invalid data (last: {Violation})", NodeId, peer, Options.BanSeconds, violation);
    }
}
