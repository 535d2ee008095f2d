using System.ComponentModel.DataAnnotations;
using Grains.Chain;

namespace Grains.Payments;

/// <summary>Settings under <c>Chat</c> for payments in groups (environment: <c>Chat__PaymentsNode</c> …).</summary>
public sealed class PaymentOptions
{
    public const string Section = "Chat";

    /// <summary>The chain node every wallet, treasury, red packet and tip lives on.</summary>
    [Required, RegularExpression(NodeIds.Pattern)]
    public string PaymentsNode { get; set; } = "main";

    /// <summary>Whether the gateways keep the payments node mining continuously (someone must, or payments never confirm).</summary>
    public bool MinePaymentsNode { get; set; } = true;

    /// <summary>Confirmations before a payment counts (a join admitted, a red packet opened); unset: 1 embedded, 3 in a cluster.</summary>
    [Range(1, 100)]
    public int? PaymentConfirmations { get; set; }

    /// <summary>Most shares one red packet may have.</summary>
    [Range(1, 100_000)]
    public int MaxRedPacketShares { get; set; } = 10_000;

    /// <summary>Longest a red packet stays open before the rest is refunded.</summary>
    [Range(1, 24)]
    public int RedPacketMaxHours { get; set; } = 24;

    /// <summary>The confirmations in force: the setting, else the mode's default.</summary>
    public int ConfirmationsFor(bool cluster) => PaymentConfirmations ?? (cluster ? 3 : 1);
}
