namespace Grains.Interfaces.Payments;

/// <summary>A payment sent to the payments node: its transaction id, and whether it is already confirmed.</summary>
[GenerateSerializer, Immutable, Alias("Payments.PaymentReceipt")]
public sealed record PaymentReceipt(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] long Amount,
    [property: Id(4)] long Fee,
    [property: Id(5)] string? Memo,
    [property: Id(6)] long Confirmations);
