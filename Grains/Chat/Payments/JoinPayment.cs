using Grains.Interfaces.Chat;

namespace Grains.Chat.Payments;

/// <summary>One payment to join, as the group keeps it (small: open ones and the most recent others). <see cref="PaidTo"/>: the treasury it went to.</summary>
[GenerateSerializer, Immutable, Alias("Chat.JoinPayment")]
public sealed record JoinPayment(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string TransactionId,
    [property: Id(3)] long Amount,
    [property: Id(4)] JoinPaymentStatus Status,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string PayerAddress,
    [property: Id(7)] string? RefundTransactionId = null,
    [property: Id(8)] string? PaidTo = null);
