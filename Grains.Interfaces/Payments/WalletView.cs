namespace Grains.Interfaces.Payments;

/// <summary>A wallet on the payments node: its address, who holds the key, and its balances in units.</summary>
[GenerateSerializer, Immutable, Alias("Payments.WalletView")]
public sealed record WalletView(
    [property: Id(0)] string Address,
    [property: Id(1)] WalletCustody Custody,
    [property: Id(2)] long ConfirmedBalance,
    [property: Id(3)] long SpendableBalance,
    [property: Id(4)] long PendingBalance,
    [property: Id(5)] string? PublicKey);
