namespace Grains.Chain.Consensus;

/// <summary>The best chain moved: blocks that left it (tip first) and blocks that joined it (oldest first).</summary>
public sealed record TipChange(BlockEntry OldTip, BlockEntry NewTip, IReadOnlyList<BlockEntry> Disconnected, IReadOnlyList<BlockEntry> Connected)
{
    public bool IsReorganisation => Disconnected.Count > 0;
}
