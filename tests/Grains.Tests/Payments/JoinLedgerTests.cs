using Grains.Chat.Payments;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Chat;

namespace Grains.Tests.Payments;

public sealed class JoinLedgerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static JoinPayment Payment(string user, string tx, JoinPaymentStatus status = JoinPaymentStatus.Pending, int minutes = 0) =>
        new(user, user, tx, 500, status, At.AddMinutes(minutes), "payer-" + user);

    [Fact]
    public void A_confirmed_payment_admits_unless_the_payer_is_in_or_already_paying()
    {
        var ledger = new JoinLedger([]);
        ledger.Add(Payment("alice", "t1"));
        Assert.False(ledger.ShouldRefund("alice", "t1", isMember: false));
        Assert.True(ledger.ShouldRefund("alice", "t2", isMember: false)); // t1 is still under way
        Assert.True(ledger.ShouldRefund("bob", "t3", isMember: true));
        Assert.False(ledger.ShouldRefund("bob", "t3", isMember: false));
    }

    [Fact]
    public void A_payment_is_added_once_and_open_ones_are_never_forgotten()
    {
        var ledger = new JoinLedger([]);
        var first = ledger.Add(Payment("alice", "t1"));
        Assert.Same(first, ledger.Add(Payment("alice", "t1") with { Amount = 999 }));
        Assert.Single(ledger.Records);

        ledger.Add(Payment("bob", "refund-me", JoinPaymentStatus.Refunding, minutes: -1));
        for (var i = 0; i < JoinLedger.KeptSettled + 50; i++)
            ledger.Add(Payment($"u{i}", $"s{i}", JoinPaymentStatus.Admitted, minutes: i));

        Assert.Equal(JoinLedger.KeptSettled + 2, ledger.Records.Count);
        Assert.NotNull(ledger.PendingFor("alice"));
        Assert.Single(ledger.Refunding);
        Assert.True(ledger.HasOpen);
        Assert.DoesNotContain(ledger.Records, r => r.TransactionId == "s0"); // the oldest settled went first
        Assert.Contains(ledger.Records, r => r.TransactionId == $"s{JoinLedger.KeptSettled + 49}");
    }

    [Fact]
    public void Settling_changes_the_status_and_keeps_the_refund_and_the_attempt_count_grows_per_payment()
    {
        var ledger = new JoinLedger([]);
        ledger.Add(Payment("alice", "t1"));
        Assert.Equal(1, ledger.AttemptsBy("alice"));
        ledger.Settle("t1", JoinPaymentStatus.Failed);
        Assert.False(ledger.HasOpen);
        Assert.Null(ledger.PendingFor("alice"));
        ledger.Add(Payment("alice", "t2"));
        Assert.Equal(2, ledger.AttemptsBy("alice"));

        ledger.Add(Payment("alice", "t3", JoinPaymentStatus.Refunding));
        ledger.Settle("t3", JoinPaymentStatus.Refunded, "r3");
        ledger.Settle("t3", JoinPaymentStatus.Refunded);
        var view = ledger.Views(3).Single(v => v.TransactionId == "t3");
        Assert.Equal(JoinPaymentStatus.Refunded, view.Status);
        Assert.Equal("r3", view.RefundTransactionId);
        Assert.Equal(3, view.ConfirmationsRequired);
    }

    [Fact]
    public void A_long_user_id_named_by_its_digest_is_matched_only_to_a_payer_the_group_knows()
    {
        var longId = new string('k', 60);
        var ledger = new JoinLedger([]);
        var digest = PaymentMemo.UserDigest(longId);
        Assert.Null(ledger.UserNamed(digest));
        ledger.Add(Payment(longId, "t1"));
        Assert.Equal(longId, ledger.UserNamed(digest));
        Assert.Equal("short", ledger.UserNamed("short"));
    }
}
