using Grains.Chat.Members;
using Grains.Chat.Moderation;
using Grains.Chat.Payments;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Interfaces.Payments;
using Microsoft.Extensions.Logging;

namespace Grains.Chat;

/// <summary>
/// Pay-to-join: a join into a priced group pays the treasury from the member's wallet (the transaction's memo commits
/// to group and member), stays pending until the payment has its confirmations, then admits. A timer watches pending
/// payments (and a reminder brings the group back after a silo dies); the chain is read to reconcile, so every
/// confirmed payment either admitted its payer or was refunded.
/// </summary>
public sealed partial class GroupGrain : IRemindable
{
    private const string PaymentsReminder = "join-payments";
    private const int ActivityScanned = 200;
    private static readonly TimeSpan PaymentCheckInterval = TimeSpan.FromSeconds(1);
    private IGrainTimer? _paymentTimer;
    private int _quietChecks;

    private JoinLedger Ledger => new(state.State.JoinPayments);
    private int ConfirmationsRequired => payments.Value.PaymentConfirmations ?? 1;
    private IChainNodeGrain PaymentsNode => GrainFactory.GetGrain<IChainNodeGrain>(payments.Value.PaymentsNode);

    public async Task<MemberView> JoinAsync(MemberProfile member)
    {
        var outcome = await RequestJoinAsync(member, null);
        return outcome.Member ?? throw DomainException.Conflict(ErrorCodes.JoinPending,
            $"The payment to join is waiting for {ConfirmationsRequired} confirmation(s); the member is admitted then.");
    }

    public async Task<JoinOutcome> RequestJoinAsync(MemberProfile member, TransactionData? signedPayment)
    {
        EnsureCreated();
        if (Settings.JoinPrice is not { } price || Hierarchy.IsModerator(member.UserId))
        {
            if (signedPayment is not null)
                throw DomainException.Invalid(ErrorCodes.JoinFree, "This group is free to join: no payment is needed.");
            return new JoinOutcome(await AdmitMemberAsync(member), null);
        }

        await joinPolicy.CheckAsync(Id, Settings, member);
        var shard = ShardOf(member.UserId);
        if (await shard.GetMemberAsync(member.UserId) is { } existing)
            return new JoinOutcome(existing, null);
        if (await shard.IsBannedAsync(member.UserId))
            throw MemberRefusals.Banned();
        if (Ledger.PendingFor(member.UserId) is { } pending)
            return new JoinOutcome(null, View(pending));

        var treasury = await TreasuryAsync();
        var memo = PaymentMemo.Join(Id, member.UserId).Memo;
        var wallet = GrainFactory.GetGrain<IWalletGrain>(WalletIds.ForUser(member.UserId));
        PaymentReceipt receipt;
        if (signedPayment is null)
        {
            if (await wallet.GetAsync() is { Custody: WalletCustody.Self } own)
            {
                // The service cannot sign for this wallet: say exactly what to sign and send back as "payment".
                throw DomainException.PaymentRequired(
                    $"This wallet holds its owner's key: sign a payment of {price} units to {treasury} with memo \"{memo}\" and send it as payment.",
                    price, own.SpendableBalance, new Dictionary<string, string> { ["to"] = treasury, ["memo"] = memo });
            }

            receipt = await wallet.PayAsync(new PaymentOrder(treasury, price, memo, $"join:{Id}:{Ledger.AttemptsBy(member.UserId)}"));
        }
        else
        {
            if (signedPayment.To != treasury || signedPayment.Amount < price || signedPayment.Memo != memo)
            {
                throw DomainException.Invalid(ErrorCodes.PaymentRequired,
                    $"The payment must send at least {price} units to {treasury} with memo \"{memo}\".");
            }

            receipt = await wallet.SubmitSignedAsync(signedPayment);
        }

        var payment = new JoinPayment(member.UserId, member.Username, receipt.TransactionId, receipt.Amount, JoinPaymentStatus.Pending,
            StoredTime.Now(clock), receipt.From, PaidTo: receipt.To);
        await WriteStateAsync(_ => Ledger.Add(payment));
        await WatchPaymentsAsync();
        return new JoinOutcome(null, View(payment));
    }

    public async Task<JoinPaymentView[]> GetJoinPaymentsAsync(string moderatorId)
    {
        RequireModerator(moderatorId);
        await CheckPaymentsAsync(CancellationToken.None);
        return Ledger.Views(ConfirmationsRequired);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == PaymentsReminder)
            await WatchPaymentsAsync();
    }

    /// <summary>Admits a member for free or after payment: the shard row, the member's index, the notice and the welcome.</summary>
    private async Task<MemberView> AdmitMemberAsync(MemberProfile member)
    {
        await joinPolicy.CheckAsync(Id, Settings, member);
        var result = await ShardOf(member.UserId).JoinAsync(member, Hierarchy.RoleOf(member.UserId));
        await Member(member.UserId).AddGroupAsync(new GroupMembership(Id, ShardIndex(member.UserId)));
        if (result.Joined)
        {
            await PostSystemAsync(TemplateFormatter.ForGroup(Settings, Settings.Templates.JoinNotice, member.Username));
            if (!string.IsNullOrWhiteSpace(Settings.WelcomeText))
                await SendPrivateAsync(member.UserId, TemplateFormatter.ForGroup(Settings, Settings.WelcomeText, member.Username));
        }

        return result.Member;
    }

    private async Task WatchPaymentsAsync()
    {
        _quietChecks = 0;
        _paymentTimer ??= this.RegisterGrainTimer(CheckPaymentsAsync, new GrainTimerCreationOptions(PaymentCheckInterval, PaymentCheckInterval)
        {
            KeepAlive = true,
            Interleave = true,
        });
        if (Ledger.HasOpen)
            await this.RegisterOrUpdateReminder(PaymentsReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>One look at the chain: settles pending payments, sends refunds due, then reconciles what the treasury received.</summary>
    private async Task CheckPaymentsAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var payment in Ledger.Pending)
                await SettleAsync(payment);
            foreach (var payment in Ledger.Refunding)
                await RefundAsync(payment);
            await ReconcileAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Group {Group}: checking join payments failed; trying again", Id);
            return;
        }

        // Keep looking a little after the last pending payment, for a second payment that confirms late.
        if (!Ledger.HasOpen && ++_quietChecks > 30 && _paymentTimer is { } timer)
        {
            timer.Dispose();
            _paymentTimer = null;
            if (await this.GetReminder(PaymentsReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
        }
    }

    private async Task SettleAsync(JoinPayment payment)
    {
        TransactionStatus status;
        try
        {
            status = await PaymentsNode.GetTransactionAsync(payment.TransactionId);
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.UnknownTransaction)
        {
            // Gone from the chain and the mempool (a reorganisation made it invalid): nobody is admitted.
            await WriteStateAsync(_ => Ledger.Settle(payment.TransactionId, JoinPaymentStatus.Failed));
            await SendPrivateAsync(payment.UserId, $"Your payment to join {Settings.Name} was dropped by the chain; nothing was paid. Join again to retry.");
            return;
        }

        if ((status.Confirmations ?? 0) < ConfirmationsRequired)
            return;
        await AdmitPaidAsync(payment);
    }

    private async Task AdmitPaidAsync(JoinPayment payment)
    {
        var shard = ShardOf(payment.UserId);
        if (await shard.IsBannedAsync(payment.UserId))
        {
            await WriteStateAsync(_ => Ledger.Settle(payment.TransactionId, JoinPaymentStatus.Refunding));
            await RefundAsync(payment);
            return;
        }

        await AdmitMemberAsync(new MemberProfile(payment.UserId, payment.Username));
        await WriteStateAsync(_ => Ledger.Settle(payment.TransactionId, JoinPaymentStatus.Admitted));
    }

    /// <summary>
    /// Reads what the treasury received with this group's join memo: a confirmed payment the ledger does not know
    /// admits its payer, or is refunded when the payer is already in (or already paying).
    /// </summary>
    private async Task ReconcileAsync()
    {
        if (Settings.JoinPrice is null && !Ledger.HasOpen)
            return;
        var treasury = await TreasuryAsync();
        foreach (var tx in (await PaymentsNode.GetActivityAsync(treasury, ActivityScanned)).Reverse())
        {
            if (tx.Data.To != treasury || (tx.Confirmations ?? 0) < ConfirmationsRequired || Ledger.Knows(tx.Id)
                || !PaymentMemo.TryParse(tx.Data.Memo, out var purpose) || purpose.Kind != PaymentKind.Join || purpose.GroupId != Id)
            {
                continue;
            }

            // A long user id is named by its digest in the memo: only a payer the group already knows can be matched.
            var userId = Ledger.UserNamed(purpose.User!);
            // The decision is written first (refunding, or pending until admitted): a crash or a failed refund resumes it.
            var isMember = userId is not null && await ShardOf(userId).GetMemberAsync(userId) is not null;
            var refund = userId is null || Ledger.ShouldRefund(userId, tx.Id, isMember);
            var payment = new JoinPayment(userId ?? purpose.User!, userId ?? purpose.User!, tx.Id, tx.Data.Amount,
                refund ? JoinPaymentStatus.Refunding : JoinPaymentStatus.Pending, StoredTime.Now(clock), tx.Data.From, PaidTo: treasury);
            await WriteStateAsync(_ => Ledger.Add(payment));
            if (refund)
                await RefundAsync(payment);
            else
                await AdmitPaidAsync(payment);
        }
    }

    /// <summary>
    /// Pays a payment back from the group's own wallet, once (the wallet's client id is the payment's). A payment to a
    /// treasury the owner holds the key of is marked as a refund the owner owes.
    /// </summary>
    private async Task RefundAsync(JoinPayment payment)
    {
        var groupWallet = GrainFactory.GetGrain<IWalletGrain>(WalletIds.ForGroup(Id));
        if ((await groupWallet.GetAsync()).Address != (payment.PaidTo ?? await TreasuryAsync()))
        {
            logger.LogInformation("Group {Group}: payment {Tx} went to the owner's own treasury; the owner owes its refund", Id, payment.TransactionId);
            await WriteStateAsync(_ => Ledger.Settle(payment.TransactionId, JoinPaymentStatus.RefundOwed));
            return;
        }

        var refund = await groupWallet.PayAsync(new PaymentOrder(payment.PayerAddress, payment.Amount,
            PaymentMemo.Refund(payment.TransactionId[..16]).Memo, "refund:" + payment.TransactionId[..48]));
        await WriteStateAsync(_ => Ledger.Settle(payment.TransactionId, JoinPaymentStatus.Refunded, refund.TransactionId));
        if (!payment.UserId.StartsWith('~'))
            await SendPrivateAsync(payment.UserId, $"Your payment of {Coins.Format(payment.Amount)} coins to join {Settings.Name} was refunded: you are already in, or cannot be.");
    }

    private async Task<string> TreasuryAsync() =>
        Settings.Treasury ?? (await GrainFactory.GetGrain<IWalletGrain>(WalletIds.ForGroup(Id)).GetAsync()).Address;

    private JoinPaymentView View(JoinPayment payment) =>
        new(payment.UserId, payment.Username, payment.TransactionId, payment.Amount, payment.Status, ConfirmationsRequired, payment.At, payment.RefundTransactionId);
}
