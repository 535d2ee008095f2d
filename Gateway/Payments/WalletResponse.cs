using Grains.Interfaces.Chain;
using Gateway.Chain;
using Grains.Interfaces.Payments;

namespace Gateway.Payments;

/// <summary>The caller's wallet: address, custody, balances in units and coins, and recent transactions.</summary>
public sealed record WalletResponse(
    string Address,
    WalletCustody Custody,
    long ConfirmedBalance,
    long SpendableBalance,
    long PendingBalance,
    string ConfirmedCoins,
    string PendingCoins,
    IReadOnlyList<WalletActivity> Recent)
{
    public static WalletResponse From(WalletView view, IReadOnlyList<WalletActivity> recent) => new(view.Address, view.Custody, view.ConfirmedBalance,
        view.SpendableBalance, view.PendingBalance, Coins.Format(view.ConfirmedBalance), Coins.Format(view.PendingBalance), recent);
}
