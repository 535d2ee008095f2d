using Grains.Chain.Consensus;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;

namespace Grains.Chain;

/// <summary>
/// The transactions that moved an address's coins, newest first: pending ones, then the best chain walked back from
/// the tip. The walk stops after <c>maxBlocks</c> blocks, so a quiet address costs a bounded scan, not the whole chain.
/// </summary>
public static class AddressActivity
{
    public const int DefaultMaxBlocks = 5_000;

    public static IReadOnlyList<TransactionStatus> Of(string address, BlockTree tree, Mempool mempool, int limit, int maxBlocks = DefaultMaxBlocks)
    {
        var found = new List<TransactionStatus>(Math.Min(limit, 64));
        foreach (var tx in mempool.Transactions.Reverse())
        {
            if (found.Count >= limit)
                return found;
            if (tx.From == address || tx.To == address)
                found.Add(new TransactionStatus(tx.Id.ToString(), TransactionStatus.Pending, null, null, null, ChainViews.ToData(tx)));
        }

        var best = tree.BestChain;
        var tip = tree.Tip.Height;
        for (var height = best.Count - 1; height >= 0 && height >= best.Count - maxBlocks && found.Count < limit; height--)
        {
            var entry = best[height];
            var transactions = entry.Block.Transactions;
            for (var i = transactions.Count - 1; i >= 0 && found.Count < limit; i--)
            {
                var tx = transactions[i];
                if (tx.From == address || tx.To == address)
                {
                    found.Add(new TransactionStatus(tx.Id.ToString(), TransactionStatus.Confirmed, entry.Height, tip - entry.Height + 1,
                        entry.Hash.ToString(), ChainViews.ToData(tx)));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The transactions <paramref name="sender"/> signed with nonces <paramref name="fromNonce"/> up to
    /// <paramref name="fromNonce"/> + <paramref name="count"/> - 1, by nonce: the mined one for a nonce (best chain),
    /// else a pending one. A nonce is mined at most once on one chain, so this is how a sender that numbers its payments
    /// (a red packet's escrow pays share k with nonce k) finds each payment, however often it was signed again. The walk
    /// back stops once every nonce in range is found or after <c>maxBlocks</c> blocks.
    /// </summary>
    public static IReadOnlyDictionary<long, TransactionStatus> SentBy(string sender, long fromNonce, int count, BlockTree tree, Mempool mempool,
        int maxBlocks = DefaultMaxBlocks)
    {
        var found = new Dictionary<long, TransactionStatus>();
        var best = tree.BestChain;
        var tip = tree.Tip.Height;
        for (var height = best.Count - 1; height >= 0 && height >= best.Count - maxBlocks && found.Count < count; height--)
        {
            var entry = best[height];
            foreach (var tx in entry.Block.Transactions)
            {
                if (tx.From == sender && tx.Nonce >= fromNonce && tx.Nonce - fromNonce < count)
                    found[tx.Nonce] = new TransactionStatus(tx.Id.ToString(), TransactionStatus.Confirmed, entry.Height, tip - entry.Height + 1, entry.Hash.ToString(), ChainViews.ToData(tx));
            }
        }

        foreach (var tx in mempool.Transactions)
        {
            if (tx.From == sender && tx.Nonce >= fromNonce && tx.Nonce - fromNonce < count && !found.ContainsKey(tx.Nonce))
                found[tx.Nonce] = new TransactionStatus(tx.Id.ToString(), TransactionStatus.Pending, null, null, null, ChainViews.ToData(tx));
        }

        return found;
    }
}
