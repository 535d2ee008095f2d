using Grains.Interfaces.Chain;
using Grains.Interfaces.Payments;

namespace Grains.Payments.RedPackets;

/// <summary>A red packet's small state; its claims are rows in the claims store, its money on the chain.</summary>
[GenerateSerializer, Alias("Payments.RedPacketState")]
public sealed class RedPacketState
{
    [Id(0)] public RedPacketOrder? Order { get; set; }
    [Id(1)] public int ShardCount { get; set; }
    [Id(2)] public byte[] Seed { get; set; } = [];
    [Id(3)] public byte[] SealedKey { get; set; } = [];
    [Id(4)] public byte[] PublicKey { get; set; } = [];
    [Id(5)] public long FeePerPayout { get; set; }
    [Id(6)] public string? FundingTransactionId { get; set; }
    [Id(7)] public RedPacketStatus Status { get; set; }
    [Id(8)] public DateTimeOffset CreatedAt { get; set; }
    [Id(9)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(10)] public long? MessageSeq { get; set; }

    /// <summary>The refund, signed and written before it is sent, so a retry sends the very same transaction.</summary>
    [Id(11)] public TransactionData? Refund { get; set; }

    [Id(12)] public string? RefundTransactionId { get; set; }
    [Id(13)] public string SenderAddress { get; set; } = string.Empty;
}
