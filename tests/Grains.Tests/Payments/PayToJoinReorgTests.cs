using Grains.Chain;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Interfaces.Payments;
using TestSupport;

namespace Grains.Tests.Payments;

/// <summary>
/// Pay-to-join against reorganisations of the payments node: a member is admitted only once the payment has its
/// confirmations on the best chain; a payment a reorganisation drops admits nobody; an admission already made stands.
/// </summary>
[Collection(PaymentsClusterCollection.Name)]
public sealed class PayToJoinReorgTests(PaymentsClusterFixture fixture)
{
    private const long Price = 5 * 100_000_000L;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private IChainNodeGrain Main => fixture.Client.GetGrain<IChainNodeGrain>(PaymentsClusterFixture.PaymentsNode);

    [Fact]
    public async Task A_payment_a_reorganisation_replaces_with_a_double_spend_admits_nobody()
    {
        var paid = await PricedGroupAsync();
        var (payerId, key, address) = await SelfCustodyPayerAsync();
        var rival = await RivalAsync();

        var payment = Sign(key, paid.Treasury, Price, nonce: 0, PaymentMemo.Join(paid.Id, payerId).Memo);
        var outcome = await paid.Group.RequestJoinAsync(new MemberProfile(payerId, payerId), payment);
        Assert.Null(outcome.Member);
        Assert.Equal(JoinPaymentStatus.Pending, outcome.Payment!.Status);
        await Main.MineAsync(null);
        Assert.Equal(1, (await Main.GetTransactionAsync(outcome.Payment.TransactionId)).Confirmations);
        Assert.Equal(JoinPaymentStatus.Pending, (await PaymentOfAsync(paid, outcome.Payment.TransactionId)).Status);

        // On a heavier branch the same coins went elsewhere: the payment can never be mined again.
        await rival.SubmitTransactionAsync(Sign(key, Address.ForLabel("elsewhere"), Price, nonce: 0, memo: null));
        for (var i = 0; i < 3; i++)
            await rival.MineAsync(null);
        await ReorganiseMainOntoAsync(rival);
        var gone = await Assert.ThrowsAsync<DomainException>(() => Main.GetTransactionAsync(outcome.Payment.TransactionId));
        Assert.Equal(ErrorCodes.UnknownTransaction, gone.Code);

        await UntilAsync(async () => (await PaymentOfAsync(paid, outcome.Payment.TransactionId)).Status == JoinPaymentStatus.Failed, "the dropped payment to fail");
        for (var i = 0; i < PaymentsClusterFixture.Confirmations + 1; i++)
            await Main.MineAsync(null);
        await paid.Group.GetJoinPaymentsAsync(paid.Owner);
        Assert.False(await IsMemberAsync(paid, payerId));
        Assert.Equal(0, (await Main.GetAccountAsync(paid.Treasury)).PendingBalance);
        Assert.Equal(JoinPaymentStatus.Failed, (await PaymentOfAsync(paid, outcome.Payment.TransactionId)).Status);
    }

    [Fact]
    public async Task A_payment_a_reorganisation_sends_back_to_the_mempool_admits_only_after_its_confirmations_on_the_new_chain()
    {
        var paid = await PricedGroupAsync();
        var payerId = Unique("payer");
        var wallet = fixture.Client.GetGrain<IWalletGrain>(WalletIds.ForUser(payerId));
        await FundAsync((await wallet.GetAsync()).Address);
        var rival = await RivalAsync();

        var outcome = await paid.Group.RequestJoinAsync(new MemberProfile(payerId, payerId), null);
        var transactionId = outcome.Payment!.TransactionId;
        await Main.MineAsync(null);
        await Main.MineAsync(null);
        Assert.Equal(2, (await Main.GetTransactionAsync(transactionId)).Confirmations);

        for (var i = 0; i < 4; i++)
            await rival.MineAsync(null);
        await ReorganiseMainOntoAsync(rival);
        Assert.Equal(TransactionStatus.Pending, (await Main.GetTransactionAsync(transactionId)).Status);

        // Two confirmations were seen, then none: still not admitted, whatever the group saw before.
        Assert.Equal(JoinPaymentStatus.Pending, (await PaymentOfAsync(paid, transactionId)).Status);
        Assert.False(await IsMemberAsync(paid, payerId));
        for (var i = 0; i < PaymentsClusterFixture.Confirmations - 1; i++)
        {
            await Main.MineAsync(null);
            Assert.Equal(JoinPaymentStatus.Pending, (await PaymentOfAsync(paid, transactionId)).Status);
            Assert.False(await IsMemberAsync(paid, payerId));
        }

        await Main.MineAsync(null);
        Assert.Equal(PaymentsClusterFixture.Confirmations, (await Main.GetTransactionAsync(transactionId)).Confirmations);
        await UntilAsync(async () => (await PaymentOfAsync(paid, transactionId)).Status == JoinPaymentStatus.Admitted, "the confirmed payment to admit");
        Assert.True(await IsMemberAsync(paid, payerId));
        Assert.Equal(Price, (await Main.GetAccountAsync(paid.Treasury)).ConfirmedBalance);
    }

    [Fact]
    public async Task A_member_admitted_on_a_confirmed_payment_stays_a_member_when_a_later_reorganisation_drops_it()
    {
        var paid = await PricedGroupAsync();
        var (payerId, key, _) = await SelfCustodyPayerAsync();
        var rival = await RivalAsync();

        var payment = Sign(key, paid.Treasury, Price, nonce: 0, PaymentMemo.Join(paid.Id, payerId).Memo);
        var outcome = await paid.Group.RequestJoinAsync(new MemberProfile(payerId, payerId), payment);
        for (var i = 0; i < PaymentsClusterFixture.Confirmations; i++)
            await Main.MineAsync(null);
        await UntilAsync(async () => (await PaymentOfAsync(paid, outcome.Payment!.TransactionId)).Status == JoinPaymentStatus.Admitted, "the payment to admit");

        await rival.SubmitTransactionAsync(Sign(key, Address.ForLabel("elsewhere"), Price, nonce: 0, memo: null));
        for (var i = 0; i < PaymentsClusterFixture.Confirmations + 2; i++)
            await rival.MineAsync(null);
        await ReorganiseMainOntoAsync(rival);
        await Assert.ThrowsAsync<DomainException>(() => Main.GetTransactionAsync(outcome.Payment!.TransactionId));

        await paid.Group.GetJoinPaymentsAsync(paid.Owner);
        Assert.True(await IsMemberAsync(paid, payerId));
        Assert.Equal(JoinPaymentStatus.Admitted, (await PaymentOfAsync(paid, outcome.Payment!.TransactionId)).Status);
    }

    private sealed record PaidGroup(IGroupGrain Group, string Id, string Owner, string Treasury);

    private static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    private static TransactionData Sign(byte[] key, string to, long amount, long nonce, string? memo) =>
        ChainViews.ToData(TransactionSigner.Sign(Chain.ChainClusterFixture.Network, to, amount, 0, nonce, key, memo));

    private async Task<PaidGroup> PricedGroupAsync()
    {
        await Main.EnsureCreatedAsync("tester");
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
        var owner = Unique("owner");
        var group = fixture.Client.GetGrain<IGroupGrain>(id);
        await group.CreateAsync(new CreateGroupCommand(owner, owner, "paid " + id, null, 2));
        await group.UpdateSettingsAsync(owner, new GroupSettingsPatch(JoinPrice: Price));
        var treasury = (await fixture.Client.GetGrain<IWalletGrain>(WalletIds.ForGroup(id)).GetAsync()).Address;
        return new PaidGroup(group, id, owner, treasury);
    }

    /// <summary>A user whose wallet holds their own key (the test keeps the private half), funded by a mined reward.</summary>
    private async Task<(string UserId, byte[] Key, string Address)> SelfCustodyPayerAsync()
    {
        var userId = Unique("self");
        var (privateKey, publicKey) = TransactionSigner.CreateKeyPair();
        var view = await fixture.Client.GetGrain<IWalletGrain>(WalletIds.ForUser(userId)).UseOwnKeyAsync(Convert.ToHexStringLower(publicKey));
        await FundAsync(view.Address);
        return (userId, privateKey, view.Address);
    }

    private async Task FundAsync(string address)
    {
        await Main.MineAsync(address);
        await Main.MineAsync(null);
        Assert.True((await Main.GetAccountAsync(address)).SpendableBalance >= Price);
    }

    /// <summary>A node that shares the payments node's chain as it is now, to grow a competing branch from here.</summary>
    private async Task<IChainNodeGrain> RivalAsync()
    {
        var rival = fixture.Client.GetGrain<IChainNodeGrain>(Unique("rival"));
        await rival.EnsureCreatedAsync("tester");
        await rival.AddPeersAsync([PaymentsClusterFixture.PaymentsNode]);
        await rival.ResolveAsync();
        Assert.Equal((await Main.GetTipAsync()).Hash, (await rival.GetTipAsync()).Hash);
        return rival;
    }

    private async Task ReorganiseMainOntoAsync(IChainNodeGrain rival)
    {
        await Main.AddPeersAsync([rival.GetPrimaryKeyString()]);
        await Main.ResolveAsync();
        Assert.Equal((await rival.GetTipAsync()).Hash, (await Main.GetTipAsync()).Hash);
    }

    private static async Task<JoinPaymentView> PaymentOfAsync(PaidGroup paid, string transactionId) =>
        (await paid.Group.GetJoinPaymentsAsync(paid.Owner)).Single(p => p.TransactionId == transactionId);

    private static async Task<bool> IsMemberAsync(PaidGroup paid, string userId) =>
        (await paid.Group.ListMembersAsync(paid.Owner, userId, null, 10)).Items.Any(m => m.UserId == userId);

    private static Task UntilAsync(Func<Task<bool>> done, string what) => Waiting.UntilAsync(done, what, Patience);
}
