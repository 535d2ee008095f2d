namespace Grains.Interfaces.Payments;

/// <summary>One transaction that moved a wallet's coins, newest first in a list; confirmations 0 while pending.</summary>
[GenerateSerializer, Immutable, Alias("Payments.WalletActivity")]
public sealed record WalletActivity(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] long Amount,
    [property: Id(4)] long Fee,
    [property: Id(5)] string? Memo,
    [property: Id(6)] long? Height,
    [property: Id(7)] long Confirmations);
