using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Grains.Storage;

namespace Grains.Chain;

public sealed partial class ChainNodeGrain
{
    public Task<SubmitResult> SendFromWalletAsync(string to, long amount, long? fee, string? memo = null)
    {
        RequireCreated();
        if (!Address.IsValid(to))
            throw DomainException.Invalid(ErrorCodes.BadAddress, "the recipient must be an address: 40 lower-case hex digits");
        if (fee is < 0)
            throw DomainException.Invalid(TransactionRules.Fee, "fee must not be negative");
        if (TransactionMemo.ProblemOf(memo) is { } badMemo)
            throw DomainException.Invalid(TransactionRules.Memo, badMemo);
        var key = _state.State.WalletKey ?? throw DomainException.Conflict(ErrorCodes.NoWallet, $"node {NodeId} has no wallet key");
        var nonce = _mempool.NextNonce(WalletAddress, _tree.TipLedger);
        var tx = TransactionSigner.Sign(_parameters.NetworkId, to, amount, Math.Max(fee ?? 0, _state.State.MinFee), nonce, key, memo);
        return SubmitTransactionAsync(ChainViews.ToData(tx));
    }

    public async Task<SubmitResult> SubmitTransactionAsync(TransactionData transaction)
    {
        RequireCreated();
        Transaction tx;
        try
        {
            tx = ChainViews.ToTransaction(transaction);
            _ = tx.Id; // encodes: refuses what cannot be encoded canonically
        }
        catch (RuleViolationException ex)
        {
            throw Refused(ex.Violation);
        }

        if (StatusOf(tx.Id) is { } known)
            return new SubmitResult(known, AlreadyKnown: true, _tree.Tip.Height + 1);
        if (TransactionRules.CheckStateless(tx, _parameters.NetworkId) is { } invalid)
            throw Refused(invalid);
        if (tx.Fee < _state.State.MinFee)
            throw Refused(new RuleViolation(TransactionRules.Fee, $"fee {tx.Fee} is below this node's minimum of {_state.State.MinFee}"));
        if (_mempool.Count >= Options.MaxMempoolTransactions)
            throw DomainException.TooMany(ErrorCodes.MempoolFull, "the mempool is full; try again after the next block", TimeSpan.FromSeconds(5));
        if (_mempool.TryAdd(tx, _tree.TipLedger, signatureChecked: true) is { } refused)
            throw Refused(refused);

        await _store.SavePendingAsync(NodeId, [new StoredTransaction(tx.Id.ToArray(), tx.Encode())], []);
        Gossip(peer => peer.AnnounceTransactionAsync(tx.Encode(), NodeId), except: null);
        return new SubmitResult(StatusOf(tx.Id)!, AlreadyKnown: false, _tree.Tip.Height + 1);
    }

    public async Task AnnounceTransactionAsync(byte[] transaction, string fromNode)
    {
        if (!TryTakeGossip(fromNode, () => Transaction.Decode(transaction), TransactionRules.Malformed, out var tx))
            return;
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
}
