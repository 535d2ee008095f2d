using System.Collections.Immutable;

namespace Grains.Chain.Transactions;

/// <summary>One account: total balance (including immature coinbase), the next nonce, recent coinbase credits.</summary>
public sealed record AccountState(long Balance, long Nonce, ImmutableArray<CoinbaseCredit> Immature)
{
    public static readonly AccountState Empty = new(0, 0, []);

    /// <summary>What can be spent in a block at <paramref name="height"/>: coinbase paid at c matures when height - c &gt;= maturity.</summary>
    public long SpendableAt(long height, int maturity)
    {
        var locked = 0L;
        foreach (var credit in Immature)
        {
            if (height - credit.Height < maturity)
                locked += credit.Amount;
        }

        return Balance - locked;
    }

    public long ImmatureAt(long height, int maturity) => Balance - SpendableAt(height, maturity);
}
