using Grains.Chain.Model;
using Grains.Interfaces.Errors;

namespace Grains.Chain.Transactions;

/// <summary>
/// What makes a transfer acceptable against an account's state: the same checks for the mempool and
/// for every transaction of a block. Codes are stable; the API shows them.
/// </summary>
public static class TransactionRules
{
    public const string Malformed = ErrorCodes.TxMalformed;
    public const string ChainId = ErrorCodes.TxChainId;
    public const string Amount = ErrorCodes.TxAmount;
    public const string Fee = ErrorCodes.TxFee;
    public const string Sender = ErrorCodes.TxSender;
    public const string Signature = ErrorCodes.TxSignature;
    public const string HighS = ErrorCodes.TxHighS;
    public const string Recipient = ErrorCodes.TxRecipient;
    public const string Replay = ErrorCodes.TxReplay;
    public const string DoubleSpend = ErrorCodes.TxDoubleSpend;
    public const string NonceGap = ErrorCodes.TxNonce;
    public const string Balance = ErrorCodes.TxBalance;
    public const string Coinbase = ErrorCodes.TxCoinbase;
    public const string Memo = ErrorCodes.TxMemo;

    /// <summary>Checks that need no ledger: shape, chain, amounts, memo, key and signature.</summary>
    public static RuleViolation? CheckStateless(Transaction tx, string networkId)
    {
        if (tx.IsCoinbase || tx.From == Address.Coinbase)
            return new(Coinbase, "a coinbase can only be the first transaction of a block");
        if (!Address.IsValid(tx.From) || !Address.IsValid(tx.To))
            return new(Malformed, "from and to must be addresses: 40 lower-case hex digits");
        if (tx.To == Address.Coinbase)
            return new(Recipient, "the all-zero address is the coinbase's sender; coins sent there could never be spent");
        if (tx.ChainId != networkId)
            return new(ChainId, $"transaction is for chain '{tx.ChainId}', this network is '{networkId}'");
        if (tx.Amount <= 0)
            return new(Amount, "amount must be a positive number of units");
        if (tx.Fee < 0)
            return new(Fee, "fee must not be negative");
        if (tx.Amount > long.MaxValue - tx.Fee)
            return new(Amount, "amount plus fee overflows");
        if (tx.Nonce < 0)
            return new(NonceGap, "nonce must not be negative");
        if (TransactionMemo.ProblemOf(tx.Memo) is { } memo)
            return new(Memo, memo);
        if (tx.PublicKey.Length != Transaction.PublicKeySize || tx.PublicKey[0] != 0x04)
            return new(Malformed, "public key must be an uncompressed P-256 point (65 bytes, starting 04)");
        if (Address.FromPublicKey(tx.PublicKey) != tx.From)
            return new(Sender, "from is not the address of the public key (first 20 bytes of its SHA-256)");
        if (SignatureCache.Contains(tx.Id))
            return null;
        if (tx.Signature.Length == Transaction.SignatureSize && !LowS.IsLow(tx.Signature))
            return new(HighS, "signature s is above n/2: use the low-s form (n - s), so a transaction has one id");
        if (tx.Signature.Length != Transaction.SignatureSize || !TransactionSigner.Verify(tx))
            return new(Signature, "signature does not verify against the public key over the canonical bytes");
        SignatureCache.Add(tx.Id);
        return null;
    }

    /// <summary>Checks against the sender's state: its next nonce and what it can spend at <paramref name="height"/>.</summary>
    public static RuleViolation? CheckAgainst(Transaction tx, AccountState sender, long expectedNonce, long spendable)
    {
        if (tx.Nonce < sender.Nonce)
            return new(Replay, $"nonce {tx.Nonce} was already used (the sender's next nonce is {sender.Nonce})");
        if (tx.Nonce < expectedNonce)
            return new(DoubleSpend, $"nonce {tx.Nonce} is already taken by a pending transaction (next free nonce is {expectedNonce})");
        if (tx.Nonce > expectedNonce)
            return new(NonceGap, $"nonce {tx.Nonce} is ahead of the sender's next nonce {expectedNonce}");
        if (spendable < tx.Amount + tx.Fee)
            return new(Balance, $"balance {spendable} cannot cover amount {tx.Amount} plus fee {tx.Fee}");
        return null;
    }
}
