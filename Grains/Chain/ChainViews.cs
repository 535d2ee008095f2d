using System.Globalization;
using Grains.Chain.Consensus;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;

namespace Grains.Chain;

/// <summary>Maps domain blocks and transactions to the contract records and back.</summary>
public static class ChainViews
{
    public static BlockInfo ToInfo(Block block) => new(
        block.Hash.ToString(),
        block.Height,
        block.Header.Version,
        block.Header.PreviousHash.ToString(),
        block.Header.MerkleRoot.ToString(),
        block.Header.TimestampMs,
        block.Header.Bits.ToString("x8", CultureInfo.InvariantCulture),
        block.Header.Nonce,
        block.Size,
        block.Transactions.Select(ToInfo).ToArray());

    public static TransactionInfo ToInfo(Transaction tx) => new(tx.Id.ToString(), tx.IsCoinbase, ToData(tx));

    /// <summary>A transaction as a node knows it: confirmed on the best chain, pending in the mempool, or unknown (null).</summary>
    public static TransactionStatus? StatusOf(Hash256 id, BlockTree tree, Mempool mempool)
    {
        if (tree.FindTransaction(id) is { } entry)
        {
            var tx = entry.Block.Transactions.First(t => t.Id == id);
            return new TransactionStatus(id.ToString(), TransactionStatus.Confirmed, entry.Height, tree.Tip.Height - entry.Height + 1,
                entry.Hash.ToString(), ToData(tx));
        }

        return mempool.Find(id) is { } pending
            ? new TransactionStatus(id.ToString(), TransactionStatus.Pending, null, null, null, ToData(pending))
            : null;
    }

    /// <summary>An address at the tip: balance, what a block at the next height may spend, and the balance once the mempool is mined.</summary>
    public static AccountInfo AccountOf(string address, BlockTree tree, Mempool mempool)
    {
        var ledger = tree.TipLedger;
        var account = ledger[address];
        var spendable = account.SpendableAt(tree.Tip.Height + 1, tree.Parameters.Maturity);
        var (incoming, outgoing) = mempool.PendingFor(address);
        return new AccountInfo(address, account.Balance, spendable, account.Balance - spendable,
            account.Balance + incoming - outgoing, mempool.NextNonce(address, ledger));
    }

    public static TransactionData ToData(Transaction tx) => new(
        tx.ChainId, tx.From, tx.To, tx.Amount, tx.Fee, tx.Nonce,
        Convert.ToHexStringLower(tx.PublicKey), Convert.ToHexStringLower(tx.Signature), tx.Memo);

    /// <summary>Decodes client input; a <see cref="RuleViolationException"/> (tx_malformed, tx_memo) names what is wrong.</summary>
    public static Transaction ToTransaction(TransactionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (string.IsNullOrEmpty(data.ChainId) || data.ChainId.Length > Transaction.MaxChainIdLength || data.ChainId.Any(c => c is < '!' or > '~'))
            throw Malformed("chainId must be 1-64 printable ASCII characters");
        if (!Address.IsValid(data.From))
            throw Malformed("from must be an address: 40 lower-case hex digits");
        if (!Address.IsValid(data.To))
            throw Malformed("to must be an address: 40 lower-case hex digits");
        if (TransactionMemo.ProblemOf(data.Memo) is { } memo)
            throw new RuleViolationException(new RuleViolation(TransactionRules.Memo, memo));
        var key = Hex(data.PublicKey, "publicKey", Transaction.PublicKeySize);
        var signature = Hex(data.Signature, "signature", Transaction.SignatureSize);
        return new Transaction(data.ChainId, data.From, data.To, data.Amount, data.Fee, data.Nonce, key, signature, data.Memo);
    }

    private static byte[] Hex(string? value, string field, int size)
    {
        if (value is null || value.Length != size * 2)
            throw Malformed($"{field} must be {size * 2} hex digits");
        try
        {
            return Convert.FromHexString(value);
        }
        catch (FormatException)
        {
            throw Malformed($"{field} must be {size * 2} hex digits");
        }
    }

    private static RuleViolationException Malformed(string message) => new(new RuleViolation(TransactionRules.Malformed, message));
}
