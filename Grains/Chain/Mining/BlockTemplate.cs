using Grains.Chain.Consensus;
using Grains.Chain.Model;
using Grains.Chain.Transactions;

namespace Grains.Chain.Mining;

/// <summary>
/// The candidate block a miner works on: on the tree's tip, the coinbase first (block reward plus the fees it
/// collects, to the reward address), then the mempool by fee within the size cap, stamped no earlier than the
/// median rule allows, at the target the difficulty rule expects. The nonce is left for the miner.
/// </summary>
public static class BlockTemplate
{
    public static Block Build(BlockTree tree, Mempool mempool, string rewardAddress, long nowMs)
    {
        var parameters = tree.Parameters;
        var parent = tree.Tip;
        var height = parent.Height + 1;
        var context = tree.ContextFor(parent);

        // The coinbase's size does not depend on its amount's value, so the largest amount sizes the budget.
        var coinbaseSize = Transaction.Coinbase(parameters.NetworkId, rewardAddress, long.MaxValue, height).EncodedSize;
        var selected = mempool.SelectForBlock(parameters.MaxBlockBytes - BlockHeader.Size - 4 - coinbaseSize);
        var fees = selected.Sum(t => t.Fee);
        var coinbase = Transaction.Coinbase(parameters.NetworkId, rewardAddress, parameters.BlockReward + fees, height);
        Transaction[] transactions = [coinbase, .. selected];
        var timestamp = Math.Max(nowMs, BlockValidator.MedianOf(context.RecentTimestamps) + 1);
        var header = new BlockHeader(BlockHeader.CurrentVersion, height, parent.Hash,
            MerkleTree.Root(transactions.Select(t => t.Id).ToArray()), timestamp, context.ExpectedBits, 0);
        return new Block(header, transactions);
    }
}
