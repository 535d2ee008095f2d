namespace Grains.Interfaces.Chain;

/// <summary>An address at a node's tip, in units: confirmed (all), spendable (mature), pending (with the mempool) and the next nonce to sign with.</summary>
[GenerateSerializer, Immutable, Alias("chain.AccountInfo")]
public sealed record AccountInfo(
    [property: Id(0)] string Address,
    [property: Id(1)] long ConfirmedBalance,
    [property: Id(2)] long SpendableBalance,
    [property: Id(3)] long ImmatureBalance,
    [property: Id(4)] long PendingBalance,
    [property: Id(5)] long NextNonce);
