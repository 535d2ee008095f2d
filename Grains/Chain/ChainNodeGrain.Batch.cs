using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Grains.Storage;

namespace Grains.Chain;

public sealed partial class ChainNodeGrain
{
    public async Task<SubmitResult[]> SubmitTransactionsAsync(IReadOnlyList<TransactionData> transactions)
    {
        RequireCreated();
        var results = new List<SubmitResult>(transactions.Count);
        var added = new List<Transaction>(transactions.Count);
        RuleViolation? stop = null;
        foreach (var data in transactions)
        {
            Transaction tx;
            try
            {
                tx = ChainViews.ToTransaction(data);
                _ = tx.Id;
            }
            catch (RuleViolationException ex)
            {
                stop = ex.Violation;
                break;
            }

            if (StatusOf(tx.Id) is { } known)
            {
                results.Add(new SubmitResult(known, AlreadyKnown: true, _tree.Tip.Height + 1));
                continue;
            }

            stop = TransactionRules.CheckStateless(tx, _parameters.NetworkId)
                ?? (tx.Fee < _state.State.MinFee ? new RuleViolation(TransactionRules.Fee, $"fee {tx.Fee} is below this node's minimum of {_state.State.MinFee}") : null);
            if (stop is not null || _mempool.Count >= Options.MaxMempoolTransactions)
                break;
            if ((stop = _mempool.TryAdd(tx, _tree.TipLedger, signatureChecked: true)) is not null)
                break;
            added.Add(tx);
            results.Add(new SubmitResult(StatusOf(tx.Id)!, AlreadyKnown: false, _tree.Tip.Height + 1));
        }

        // One store write and one announcement per peer for the whole batch.
        if (added.Count > 0)
        {
            await _store.SavePendingAsync(NodeId, [.. added.Select(tx => new StoredTransaction(tx.Id.ToArray(), tx.Encode()))], []);
            foreach (var tx in added)
                Gossip(peer => peer.AnnounceTransactionAsync(tx.Encode(), NodeId), except: null);
        }

        if (stop is not null)
            throw Refused(stop);
        if (results.Count < transactions.Count && _mempool.Count >= Options.MaxMempoolTransactions)
            throw DomainException.TooMany(ErrorCodes.MempoolFull, "the mempool is full; try again after the next block", TimeSpan.FromSeconds(5));
        return [.. results];
    }
}
