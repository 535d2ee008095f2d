namespace Grains.Interfaces.Payments;

/// <summary>
/// A payment the service signs from a custodial wallet: <see cref="Amount"/> units to <see cref="To"/>, with a memo
/// the transaction commits to. The same <see cref="ClientId"/> never pays twice: a retry answers the first receipt.
/// </summary>
[GenerateSerializer, Immutable, Alias("Payments.PaymentOrder")]
public sealed record PaymentOrder(
    [property: Id(0)] string To,
    [property: Id(1)] long Amount,
    [property: Id(2)] string? Memo,
    [property: Id(3)] string ClientId);
