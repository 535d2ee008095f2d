namespace Grains.Interfaces.Payments;

/// <summary>One claimed share: who, which share (in claim order), how many units, and its payout transaction once known.</summary>
[GenerateSerializer, Immutable, Alias("Payments.RedPacketClaimView")]
public sealed record RedPacketClaimView(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] int Index,
    [property: Id(3)] long Amount,
    [property: Id(4)] DateTimeOffset ClaimedAt,
    [property: Id(5)] string? TransactionId,
    [property: Id(6)] long Confirmations);
