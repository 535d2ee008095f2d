using System.Numerics;
using Grains.Chain.Model;
using Grains.Chain.Transactions;

namespace Grains.Chain.Consensus;

/// <summary>A validated block in a node's tree: its parent, cumulative work, arrival order and the ledger after it.</summary>
public sealed class BlockEntry
{
    internal BlockEntry(Block block, BlockEntry? parent, long sequence, Ledger? ledger)
    {
        Block = block;
        Parent = parent;
        Sequence = sequence;
        CumulativeWork = (parent?.CumulativeWork ?? BigInteger.Zero) + ProofOfWork.WorkOf(block.Header.Bits);
        LedgerAfter = ledger;
    }

    public Block Block { get; }
    public BlockEntry? Parent { get; }
    public Hash256 Hash => Block.Hash;
    public long Height => Block.Height;
    public BlockHeader Header => Block.Header;

    /// <summary>Order in which this node first saw the block: breaks ties in work (first seen wins).</summary>
    public long Sequence { get; }

    public BigInteger CumulativeWork { get; }

    /// <summary>The ledger after this block; dropped for old blocks and rebuilt on demand.</summary>
    internal Ledger? LedgerAfter { get; set; }

    /// <summary>The ancestor at <paramref name="height"/> on this block's own branch (walks parent links).</summary>
    public BlockEntry AncestorAt(long height)
    {
        if (height > Height || height < 0)
            throw new ArgumentOutOfRangeException(nameof(height));
        var entry = this;
        while (entry.Height > height)
            entry = entry.Parent!;
        return entry;
    }
}
