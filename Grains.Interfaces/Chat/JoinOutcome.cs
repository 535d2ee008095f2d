namespace Grains.Interfaces.Chat;

/// <summary>A join: the member (a free group, or already admitted), or the payment the join waits for.</summary>
[GenerateSerializer, Immutable, Alias("Chat.JoinOutcome")]
public sealed record JoinOutcome(
    [property: Id(0)] MemberView? Member,
    [property: Id(1)] JoinPaymentView? Payment);
