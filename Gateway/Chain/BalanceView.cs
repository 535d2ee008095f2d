using Grains.Interfaces.Chain;

namespace Gateway.Chain;

/// <summary>An address's balances on one node, in units and as coin strings.</summary>
public sealed record BalanceView(string Address, long ConfirmedBalance, long SpendableBalance, long ImmatureBalance, long PendingBalance, long NextNonce,
    string ConfirmedCoins, string SpendableCoins, string PendingCoins)
{
    public static BalanceView From(AccountInfo a) => new(a.Address, a.ConfirmedBalance, a.SpendableBalance, a.ImmatureBalance, a.PendingBalance, a.NextNonce,
        Coins.Format(a.ConfirmedBalance), Coins.Format(a.SpendableBalance), Coins.Format(a.PendingBalance));
}
