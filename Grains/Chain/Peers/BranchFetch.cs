using Grains.Chain.Consensus;
using Grains.Chain.Model;
using Grains.Interfaces.Errors;

namespace Grains.Chain.Peers;

/// <summary>
/// Collects the blocks from the first one a node lacks up to a peer's block, from batches the peer sends
/// newest first, and hands them out oldest first. Each block must hash to what was asked for, so a peer cannot
/// slip in others, and must carry the work its header claims, so a peer cannot make the node hold a long branch
/// of made-up blocks while full validation waits for the branch to reach a known block.
/// </summary>
public sealed class BranchFetch
{
    /// <summary>Most blocks asked of a peer in one call.</summary>
    public const int MaxBatch = 500;

    private readonly BlockTree _tree;
    private readonly int _maxBlocks;
    private readonly List<Block> _newestFirst = [];

    public BranchFetch(BlockTree tree, Hash256 wanted, int maxBlocks)
    {
        _tree = tree;
        _maxBlocks = maxBlocks;
        Next = wanted;
    }

    /// <summary>The block to ask the peer for next: the oldest one still missing.</summary>
    public Hash256 Next { get; private set; }

    /// <summary>How many blocks to ask for in the next batch.</summary>
    public int BatchSize => Math.Min(MaxBatch, _maxBlocks - _newestFirst.Count);

    /// <summary>Why the branch was given up, if it was: the peer broke a rule, or the branch is over the limit.</summary>
    public RuleViolation? Problem { get; private set; }

    /// <summary>True when the peer stopped answering before the branch reached a known block (nobody's fault).</summary>
    public bool PeerUnreachable { get; private set; }

    /// <summary>The branch, oldest first; empty unless it reached a known block without a problem.</summary>
    public IReadOnlyList<Block> Blocks =>
        Problem is null && !PeerUnreachable && _tree.Contains(Next) ? Enumerable.Reverse(_newestFirst).ToList() : [];

    /// <summary>True while the branch has not reached a known block, nothing is wrong and the limit allows another batch.</summary>
    public bool NeedsMore()
    {
        if (Problem is not null || PeerUnreachable || _tree.Contains(Next))
            return false;
        if (_newestFirst.Count < _maxBlocks)
            return true;
        Problem = new RuleViolation(ErrorCodes.FetchLimit, $"branch is longer than {_maxBlocks} blocks");
        return false;
    }

    /// <summary>Starts from a block the peer announced itself (it is the block asked for, so only its work is checked).</summary>
    public void TakeAnnounced(Block newest)
    {
        if (WithoutWork(newest) is { } fake)
        {
            Problem = fake;
            return;
        }

        _newestFirst.Add(newest);
        Next = newest.Header.PreviousHash;
    }

    /// <summary>Takes a batch of encoded blocks, newest first; blocks after the first known parent are ignored.</summary>
    public void Take(IReadOnlyList<byte[]> batch, string peerId)
    {
        if (batch.Count == 0)
        {
            Problem = new RuleViolation(ErrorCodes.MissingAncestors, $"peer {peerId} announced block {Next} but does not have it");
            return;
        }

        foreach (var bytes in batch)
        {
            Block block;
            try
            {
                block = Block.Decode(bytes);
            }
            catch (FormatException ex)
            {
                Problem = new RuleViolation(BlockValidator.Malformed, ex.Message);
                return;
            }

            if (block.Hash != Next)
            {
                Problem = new RuleViolation(BlockValidator.Link, $"asked for block {Next}, peer sent {block.Hash}");
                return;
            }

            TakeAnnounced(block);
            if (Problem is not null || _tree.Contains(Next))
                return;
        }
    }

    public void PeerStoppedAnswering() => PeerUnreachable = true;

    private RuleViolation? WithoutWork(Block block) =>
        !CompactTarget.TryDecode(block.Header.Bits, out var claimed) || claimed > _tree.Parameters.Difficulty.PowLimit
            || !ProofOfWork.Meets(block.Hash, block.Header.Bits)
            ? new RuleViolation(BlockValidator.Proof, $"block {block.Hash} does not carry the work its header claims")
            : null;
}
