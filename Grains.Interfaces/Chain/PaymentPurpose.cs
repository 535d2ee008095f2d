namespace Grains.Interfaces.Chain;

/// <summary>
/// What a payment pays for, as its memo says: built or parsed only by <see cref="PaymentMemo"/>, so the memo a payer
/// writes and the memo a checker expects come from the same code. Two purposes are equal exactly when their memos are.
/// Fields a kind does not use are null.
/// </summary>
public sealed record PaymentPurpose
{
    internal PaymentPurpose(PaymentKind kind, string memo)
    {
        Kind = kind;
        Memo = memo;
    }

    public PaymentKind Kind { get; }

    /// <summary>The memo text (at most 64 bytes of UTF-8) to sign into the transaction.</summary>
    public string Memo { get; }

    /// <summary>16 lower-case hex digits (join, tip).</summary>
    public string? GroupId { get; internal init; }

    /// <summary>16 lower-case hex digits (packet, payout).</summary>
    public string? PacketId { get; internal init; }

    /// <summary>The tipped message's sequence number in its group, 1 or more (tip).</summary>
    public long? Seq { get; internal init; }

    /// <summary>
    /// The user as the memo names them (join, payout, tip, faucet): the user id itself, or, when the id would make the
    /// memo longer than 64 bytes, <see cref="PaymentMemo.UserDigest"/> of it (<c>~</c> and 22 base32 characters).
    /// </summary>
    public string? User { get; internal init; }

    /// <summary>What a refund pays back: a short id of lower-case letters, digits, '_' or '-' (refund).</summary>
    public string? Reference { get; internal init; }

    public override string ToString() => Memo;
}
