using System.Collections.Immutable;
using Grains.Chain.Model;

namespace Grains.Chain.Transactions;

/// <summary>
/// Balances and nonces after some block, as an immutable map: every block keeps the ledger after it
/// for the price of the accounts it touched, so validating a block on any branch starts from its
/// parent's ledger without replaying or undoing anything.
/// </summary>
public sealed class Ledger
{
    public static readonly Ledger Empty = new(ImmutableDictionary<string, AccountState>.Empty, -1);

    private readonly ImmutableDictionary<string, AccountState> _accounts;

    private Ledger(ImmutableDictionary<string, AccountState> accounts, long height)
    {
        _accounts = accounts;
        Height = height;
    }

    /// <summary>Height of the block this ledger is the state after.</summary>
    public long Height { get; }

    public int AccountCount => _accounts.Count;

    public AccountState this[string address] => _accounts.TryGetValue(address, out var account) ? account : AccountState.Empty;

    public Builder ToBuilder(long height) => new(_accounts.ToBuilder(), height);

    /// <summary>Applies the transactions of one block (already validated) in order.</summary>
    public sealed class Builder
    {
        private readonly ImmutableDictionary<string, AccountState>.Builder _accounts;

        internal Builder(ImmutableDictionary<string, AccountState>.Builder accounts, long height)
        {
            _accounts = accounts;
            Height = height;
        }

        /// <summary>Height of the block being applied.</summary>
        public long Height { get; }

        public AccountState this[string address] => _accounts.TryGetValue(address, out var account) ? account : AccountState.Empty;

        public void ApplyTransfer(Transaction transaction)
        {
            var sender = this[transaction.From];
            _accounts[transaction.From] = sender with
            {
                Balance = sender.Balance - transaction.Amount - transaction.Fee,
                Nonce = sender.Nonce + 1,
            };
            var recipient = this[transaction.To];
            _accounts[transaction.To] = recipient with { Balance = recipient.Balance + transaction.Amount };
        }

        public void ApplyCoinbase(Transaction coinbase, int maturity)
        {
            var miner = this[coinbase.To];
            var stillLocked = miner.Immature.Where(c => Height - c.Height < maturity);
            _accounts[coinbase.To] = miner with
            {
                Balance = miner.Balance + coinbase.Amount,
                Immature = [.. stillLocked, new CoinbaseCredit(Height, coinbase.Amount)],
            };
        }

        public Ledger ToLedger() => new(_accounts.ToImmutable(), Height);
    }
}
