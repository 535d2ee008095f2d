using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grains.Interfaces.Accounts;

namespace Grains.Interfaces.Chain;

/// <summary>
/// The one memo format for payments in chat, built and parsed here so that the side that pays and the side that
/// checks cannot disagree on it:
/// <code>
/// join:{groupId}:{user}         pay-to-join
/// packet:{packetId}             funding a red packet's escrow
/// payout:{packetId}:{user}      one share of a red packet
/// refund:{reference}            paying back a payment or an expired packet
/// tip:{groupId}:{seq}:{user}    a tip on a message
/// faucet:{user}                 coins from the faucet
/// </code>
/// Group and packet ids are 16 lower-case hex digits; seq is a decimal of 1 or more without leading zeros; a reference
/// is lower-case letters, digits, '_' or '-'. The user is the user id (the case-folded NFKC username, 3-32 letters,
/// digits, '_' or '-', so never a ':'), or <see cref="UserDigest"/> of it when the id would make the memo longer than
/// <see cref="MaxBytes"/> bytes of UTF-8: a user id of 32 three-byte letters is 96 bytes, more than a memo holds.
/// A memo that would still be too long is refused with an exception, never cut short. Recognise a payment by comparing
/// what <see cref="TryParse"/> reads with what the builder makes for the expected payment
/// (<c>purpose == PaymentMemo.Join(groupId, userId)</c>), not by comparing parts.
/// </summary>
public static class PaymentMemo
{
    /// <summary>The most UTF-8 bytes a transaction memo holds (format version 2, docs/chain.md).</summary>
    public const int MaxBytes = 64;

    /// <summary>Length of <see cref="UserDigest"/>: '~' and 22 base32 characters (the first 110 bits of SHA-256).</summary>
    public const int UserDigestLength = 23;

    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary><c>join:{groupId}:{user}</c>: <paramref name="userId"/> pays to join the group.</summary>
    public static PaymentPurpose Join(string groupId, string userId)
    {
        RequireHexId(groupId, nameof(groupId));
        return WithUser(userId, user => MakeJoin(groupId, user));
    }

    /// <summary><c>packet:{packetId}</c>: the sender funds the red packet's escrow.</summary>
    public static PaymentPurpose Packet(string packetId)
    {
        RequireHexId(packetId, nameof(packetId));
        return Checked(MakePacket(packetId));
    }

    /// <summary><c>payout:{packetId}:{user}</c>: the escrow pays <paramref name="userId"/> a share of the red packet.</summary>
    public static PaymentPurpose Payout(string packetId, string userId)
    {
        RequireHexId(packetId, nameof(packetId));
        return WithUser(userId, user => MakePayout(packetId, user));
    }

    /// <summary>
    /// <c>refund:{reference}</c>: pays back what <paramref name="reference"/> names (a packet id, or a short form of the
    /// refunded payment's id). A reference too long for the memo throws: it is never shortened here.
    /// </summary>
    public static PaymentPurpose Refund(string reference)
    {
        if (!IsReference(reference))
            throw new ArgumentException("a refund reference is lower-case letters, digits, '_' or '-'", nameof(reference));
        return Checked(MakeRefund(reference));
    }

    /// <summary><c>tip:{groupId}:{seq}:{user}</c>: a tip to <paramref name="userId"/> on message <paramref name="seq"/> of the group.</summary>
    public static PaymentPurpose Tip(string groupId, long seq, string userId)
    {
        RequireHexId(groupId, nameof(groupId));
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        return WithUser(userId, user => MakeTip(groupId, seq, user));
    }

    /// <summary><c>faucet:{user}</c>: coins from the faucet to <paramref name="userId"/>.</summary>
    public static PaymentPurpose Faucet(string userId) => WithUser(userId, MakeFaucet);

    /// <summary>
    /// How a memo names a user whose id is too long for it: '~' and the first 22 characters of the lower-case base32
    /// (RFC 4648 alphabet, a-z 2-7) of SHA-256(UTF-8 of the user id). A user id never holds '~', so the two forms cannot be confused.
    /// </summary>
    public static string UserDigest(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(userId));
        var text = new StringBuilder("~", UserDigestLength);
        for (var bit = 0; text.Length < UserDigestLength; bit += 5)
        {
            // Five bits starting at `bit`, most significant first, from at most two bytes.
            var pair = (hash[bit / 8] << 8) | hash[(bit / 8) + 1];
            text.Append(Base32[(pair >> (11 - (bit % 8))) & 31]);
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads a payment memo; false for anything not in one of the formats, character for character (free text, upper
    /// case, leading zeros, a user id that is not in its folded form or does not fit, null).
    /// </summary>
    public static bool TryParse(string? memo, [NotNullWhen(true)] out PaymentPurpose? purpose)
    {
        purpose = memo is null || Encoding.UTF8.GetByteCount(memo) > MaxBytes ? null : Read(memo.Split(':'));

        // Exactly what the builder makes from the parts read, or nothing: one memo, one reading.
        if (purpose is not null && purpose.Memo != memo)
            purpose = null;
        return purpose is not null;
    }

    /// <summary>Reads a payment memo; <see cref="FormatException"/> for anything else.</summary>
    public static PaymentPurpose Parse(string memo) =>
        TryParse(memo, out var purpose) ? purpose : throw new FormatException("not a payment memo (join, packet, payout, refund, tip or faucet)");

    private static PaymentPurpose? Read(string[] parts) => parts switch
    {
        ["join", var group, var user] when IsHexId(group) && IsUser(user) => MakeJoin(group, user),
        ["packet", var packet] when IsHexId(packet) => MakePacket(packet),
        ["payout", var packet, var user] when IsHexId(packet) && IsUser(user) => MakePayout(packet, user),
        ["refund", var reference] when IsReference(reference) => MakeRefund(reference),
        ["tip", var group, var seq, var user] when IsHexId(group) && IsSeq(seq, out var number) && IsUser(user) => MakeTip(group, number, user),
        ["faucet", var user] when IsUser(user) => MakeFaucet(user),
        _ => null,
    };

    // Each format is written once, here; the builders and the parser both go through these.
    private static PaymentPurpose MakeJoin(string groupId, string user) =>
        new(PaymentKind.Join, $"join:{groupId}:{user}") { GroupId = groupId, User = user };

    private static PaymentPurpose MakePacket(string packetId) =>
        new(PaymentKind.Packet, $"packet:{packetId}") { PacketId = packetId };

    private static PaymentPurpose MakePayout(string packetId, string user) =>
        new(PaymentKind.Payout, $"payout:{packetId}:{user}") { PacketId = packetId, User = user };

    private static PaymentPurpose MakeRefund(string reference) =>
        new(PaymentKind.Refund, $"refund:{reference}") { Reference = reference };

    private static PaymentPurpose MakeTip(string groupId, long seq, string user) =>
        new(PaymentKind.Tip, string.Create(CultureInfo.InvariantCulture, $"tip:{groupId}:{seq}:{user}")) { GroupId = groupId, Seq = seq, User = user };

    private static PaymentPurpose MakeFaucet(string user) =>
        new(PaymentKind.Faucet, $"faucet:{user}") { User = user };

    /// <summary>
    /// The user id itself when the memo has room for it, else its digest: decided by the memo's length alone, so the
    /// builder makes the same memo for the same payment wherever it runs.
    /// </summary>
    private static PaymentPurpose WithUser(string userId, Func<string, PaymentPurpose> make)
    {
        if (!AccountNames.IsUserId(userId))
            throw new ArgumentException($"not a user id (the case-folded NFKC form of a username: {AccountNames.Rule})", nameof(userId));
        var purpose = make(userId);
        return Checked(Encoding.UTF8.GetByteCount(purpose.Memo) <= MaxBytes ? purpose : make(UserDigest(userId)));
    }

    private static PaymentPurpose Checked(PaymentPurpose purpose)
    {
        var size = Encoding.UTF8.GetByteCount(purpose.Memo);
        return size <= MaxBytes
            ? purpose
            : throw new ArgumentException($"the memo '{purpose.Memo}' would be {size} bytes of UTF-8; a memo holds at most {MaxBytes}");
    }

    private static void RequireHexId(string id, string name)
    {
        if (!IsHexId(id))
            throw new ArgumentException("an id here is 16 lower-case hex digits", name);
    }

    private static bool IsHexId(string? id) => id is { Length: 16 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static bool IsUser(string user) =>
        user.StartsWith('~')
            ? user.Length == UserDigestLength && user.Skip(1).All(c => Base32.Contains(c, StringComparison.Ordinal))
            : AccountNames.IsUserId(user);

    private static bool IsReference(string? reference) =>
        !string.IsNullOrEmpty(reference) && reference.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');

    private static bool IsSeq(string text, out long seq)
    {
        seq = 0;
        return text is [>= '1' and <= '9', ..] && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }
}
