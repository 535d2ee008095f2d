namespace Grains.Chain.Transactions;

/// <summary>A coinbase payment not yet spendable: paid at <see cref="Height"/>.</summary>
public readonly record struct CoinbaseCredit(long Height, long Amount);
