namespace Grains.Interfaces.Chat;

/// <summary>One payment to join a group, as its owner sees it.</summary>
[GenerateSerializer, Immutable, Alias("Chat.JoinPaymentView")]
public sealed record JoinPaymentView(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string TransactionId,
    [property: Id(3)] long Amount,
    [property: Id(4)] JoinPaymentStatus Status,
    [property: Id(5)] int ConfirmationsRequired,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string? RefundTransactionId);
