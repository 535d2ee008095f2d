using Grains.Chat.Members;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Interfaces.Payments;

namespace Grains.Chat;

/// <summary>Tips: a member pays a message's author from their own wallet; the group announces it and keeps the recent ones.</summary>
public sealed partial class GroupGrain
{
    private const int KeptTips = 1_000;

    public async Task<TipView> TipAsync(string tipperId, string tipperName, long seq, long amount, string clientId)
    {
        EnsureCreated();
        if (amount <= 0)
            throw DomainException.Invalid(ErrorCodes.AmountInvalid, "amount must be a positive number of units.");
        var message = await messages.GetAsync(Id, seq) ?? throw DomainException.NotFound(ErrorCodes.MessageNotFound, $"There is no message {seq}.");
        if (message is not { Kind: ChatEventKinds.Message, SenderId: { } authorId } || message.Recalled)
            throw DomainException.Unprocessable(ErrorCodes.NotTippable, "Only a member's message that is still up can be tipped.");
        if (authorId == tipperId)
            throw DomainException.Invalid(ErrorCodes.TipSelf, "A tip goes to someone else.");
        if (await ShardOf(tipperId).GetMemberAsync(tipperId) is null)
            throw await ShardOf(tipperId).IsBannedAsync(tipperId) ? MemberRefusals.Banned() : MemberRefusals.NotMember();

        var author = (await GrainFactory.GetGrain<IWalletGrain>(WalletIds.ForUser(authorId)).GetAsync()).Address;
        var receipt = await GrainFactory.GetGrain<IWalletGrain>(WalletIds.ForUser(tipperId))
            .PayAsync(new PaymentOrder(author, amount, PaymentMemo.Tip(Id, seq, authorId).Memo, $"tip:{Id}:{seq}:{clientId}"));
        if (state.State.Tips.Find(t => t.TransactionId == receipt.TransactionId) is { } known)
            return known;

        var tip = new TipView(seq, tipperId, tipperName, authorId, amount, receipt.TransactionId, receipt.Confirmations, StoredTime.Now(clock));
        await WriteStateAsync(s =>
        {
            s.Tips.Add(tip);
            if (s.Tips.Count > KeptTips)
                s.Tips.RemoveRange(0, s.Tips.Count - KeptTips);
        });
        await PostSystemAsync($"{tipperName} tipped {message.SenderName ?? authorId} {Coins.Format(amount)} coins for message {seq}",
            $"/api/groups/{Id}/messages/{seq}/tips");
        return tip;
    }

    public async Task<TipView[]> GetTipsAsync(string userId, long seq)
    {
        EnsureCreated();
        await RequireSubscribedMemberAsync(userId);
        var tips = state.State.Tips.Where(t => t.Seq == seq).ToArray();
        var statuses = await Task.WhenAll(tips.Select(async t =>
        {
            try
            {
                return (await PaymentsNode.GetTransactionAsync(t.TransactionId)).Confirmations ?? 0;
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.UnknownTransaction)
            {
                return 0;
            }
        }));
        return [.. tips.Zip(statuses, (t, c) => t with { Confirmations = c })];
    }
}
