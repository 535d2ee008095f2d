namespace Grains.Interfaces.Payments;

/// <summary>
/// A red packet and its book: the funding, every claim with its payout, and the refund. <see cref="Seed"/> is shown
/// once the packet is closed, so anyone can recompute the split (docs: the double-average rule).
/// </summary>
[GenerateSerializer, Immutable, Alias("Payments.RedPacketView")]
public sealed record RedPacketView(
    [property: Id(0)] string PacketId,
    [property: Id(1)] string GroupId,
    [property: Id(2)] string SenderId,
    [property: Id(3)] string SenderName,
    [property: Id(4)] long Total,
    [property: Id(5)] int Count,
    [property: Id(6)] RedPacketMode Mode,
    [property: Id(7)] string Greeting,
    [property: Id(8)] RedPacketStatus Status,
    [property: Id(9)] string? FundingTransactionId,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset ExpiresAt,
    [property: Id(12)] int ClaimedCount,
    [property: Id(13)] long ClaimedTotal,
    [property: Id(14)] RedPacketClaimView[] Claims,
    [property: Id(15)] long? RefundAmount,
    [property: Id(16)] string? RefundTransactionId,
    [property: Id(17)] string? Seed,
    [property: Id(18)] string EscrowAddress,
    [property: Id(19)] long? MessageSeq);
