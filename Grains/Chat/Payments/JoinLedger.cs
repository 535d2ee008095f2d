using Grains.Interfaces.Chain;
using Grains.Interfaces.Chat;

namespace Grains.Chat.Payments;

/// <summary>
/// A group's join payments and the rules that move them: a confirmed payment admits its payer unless the payer is
/// already a member or already has another payment under way, in which case it is refunded; a payment the chain
/// dropped admits nobody. Keeps every open payment (pending, or being refunded) and the most recent settled ones.
/// </summary>
public sealed class JoinLedger(List<JoinPayment> records)
{
    public const int KeptSettled = 1_000;

    public IReadOnlyList<JoinPayment> Records => records;

    /// <summary>True while something is left to do: a payment waiting for confirmations, or a refund not yet sent.</summary>
    public bool HasOpen => records.Exists(r => IsOpen(r.Status));

    public IEnumerable<JoinPayment> Pending => records.Where(r => r.Status == JoinPaymentStatus.Pending).ToArray();

    public IEnumerable<JoinPayment> Refunding => records.Where(r => r.Status == JoinPaymentStatus.Refunding).ToArray();

    public JoinPayment? PendingFor(string userId) => records.Find(r => r.UserId == userId && r.Status == JoinPaymentStatus.Pending);

    public bool Knows(string transactionId) => records.Exists(r => r.TransactionId == transactionId);

    /// <summary>
    /// The user id a join memo names: the id itself, or, for a user id too long for a memo, the known payer whose digest
    /// it is (null when nobody here matches).
    /// </summary>
    public string? UserNamed(string memoUser) =>
        !memoUser.StartsWith('~') ? memoUser : records.Find(r => PaymentMemo.UserDigest(r.UserId) == memoUser)?.UserId;

    /// <summary>How many payments this user has made here: the attempt number that keeps a retried join from paying twice.</summary>
    public int AttemptsBy(string userId) => records.Count(r => r.UserId == userId);

    /// <summary>Adds a payment (once per transaction) and forgets the oldest settled ones beyond <see cref="KeptSettled"/>.</summary>
    public JoinPayment Add(JoinPayment payment)
    {
        if (records.Find(r => r.TransactionId == payment.TransactionId) is { } known)
            return known;
        records.Add(payment);
        var settled = records.Where(r => !IsOpen(r.Status)).OrderBy(r => r.At).ToList();
        foreach (var old in settled.Take(Math.Max(0, settled.Count - KeptSettled)))
            records.Remove(old);
        return payment;
    }

    public void Settle(string transactionId, JoinPaymentStatus status, string? refundTransactionId = null)
    {
        var index = records.FindIndex(r => r.TransactionId == transactionId);
        if (index >= 0)
            records[index] = records[index] with { Status = status, RefundTransactionId = refundTransactionId ?? records[index].RefundTransactionId };
    }

    /// <summary>
    /// What a confirmed payment by <paramref name="userId"/> should do: admit, or be refunded because the payer is
    /// already a member (<paramref name="isMember"/>) or already has another payment pending.
    /// </summary>
    public bool ShouldRefund(string userId, string transactionId, bool isMember) =>
        isMember || records.Exists(r => r.UserId == userId && r.Status == JoinPaymentStatus.Pending && r.TransactionId != transactionId);

    private static bool IsOpen(JoinPaymentStatus status) => status is JoinPaymentStatus.Pending or JoinPaymentStatus.Refunding;

    public JoinPaymentView[] Views(int confirmationsRequired) => records
        .OrderByDescending(r => r.At)
        .Select(r => new JoinPaymentView(r.UserId, r.Username, r.TransactionId, r.Amount, r.Status, confirmationsRequired, r.At, r.RefundTransactionId))
        .ToArray();
}
