using Grains.Chain.Model;

namespace Grains.Chain.Consensus;

/// <summary>
/// Takes blocks into a tree, parents first: known blocks are skipped, every new one is validated against its
/// parent and added, and the first that breaks a rule (or whose parent is unknown) stops the rest.
/// </summary>
public static class BlockIntake
{
    public static IntakeResult Accept(BlockTree tree, IReadOnlyList<Block> blocks, long nowMs)
    {
        var added = new List<BlockEntry>();
        foreach (var block in blocks)
        {
            if (tree.Contains(block.Hash))
                continue;
            if (!tree.Contains(block.Header.PreviousHash))
                return new IntakeResult(added, block, new RuleViolation(BlockValidator.Link, $"parent {block.Header.PreviousHash} of block {block.Hash} is unknown"));

            try
            {
                var ledger = tree.Validate(block, nowMs);
                tree.Add(block, ledger, tree.NextSequence);
                added.Add(tree.Find(block.Hash)!);
            }
            catch (RuleViolationException ex)
            {
                return new IntakeResult(added, block, ex.Violation);
            }
        }

        return new IntakeResult(added, null, null);
    }
}
