using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Chat;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;
using static Gateway.Tests.Payments.PaymentsGatewayFactory;

namespace Gateway.Tests.Payments;

[Collection(PaymentsCollection.Name)]
public sealed class PayToJoinApiTests(PaymentsGatewayFactory factory)
{
    private const long Price = 5 * UnitsPerCoin;

    [Fact]
    public async Task A_paid_join_is_pending_until_confirmed_then_admits_and_the_owner_sees_the_payment()
    {
        var (owner, groupId) = await PricedGroupAsync();
        var member = await factory.UserAsync();
        await member.FundAsync();

        var pending = await (await member.Http.PostAsync($"/api/groups/{groupId}/members", null)).ReadAsync<JsonElement>(HttpStatusCode.Accepted);
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(Price, pending.GetProperty("amount").GetInt64());
        var transactionId = pending.GetProperty("transaction_id").GetString()!;

        // The payment on the chain commits to the group and the member, and goes to the group's treasury.
        var payment = (await member.Http.TransactionAsync(transactionId)).GetProperty("data");
        Assert.Equal(PaymentMemo.Join(groupId, member.UserId).Memo, payment.GetProperty("memo").GetString());
        Assert.Equal(await member.AddressAsync(), payment.GetProperty("from").GetString());

        // Asking again while it is pending pays nothing more.
        var again = await (await member.Http.PostAsync($"/api/groups/{groupId}/members", null)).ReadAsync<JsonElement>(HttpStatusCode.Accepted);
        Assert.Equal(transactionId, again.GetProperty("transaction_id").GetString());

        await PaymentsHttp.UntilAsync(async () => await IsMemberAsync(owner, groupId, member), "the paid member to be admitted");
        Assert.True(await member.Http.ConfirmationsAsync(transactionId) >= 1);
        var payments = await owner.Http.GetJsonAsync($"/api/groups/{groupId}/payments");
        var row = Assert.Single(payments.EnumerateArray());
        Assert.Equal(member.UserId, row.GetProperty("user_id").GetString());
        Assert.Equal("admitted", row.GetProperty("status").GetString());
        Assert.Equal(transactionId, row.GetProperty("transaction_id").GetString());
        Assert.Equal(FaucetAmount - Price, await member.ConfirmedAsync());
        Assert.Equal(Price, await owner.Http.BalanceOfAsync(payment.GetProperty("to").GetString()!));

        // A member joining again is answered with the membership, and pays nothing.
        Assert.Equal(HttpStatusCode.Created, (await member.Http.PostAsync($"/api/groups/{groupId}/members", null)).StatusCode);
        Assert.Equal(FaucetAmount - Price, await member.PendingAsync());
        // Only the owner and operators see who paid.
        using var peek = await member.Http.GetAsync($"/api/groups/{groupId}/payments");
        await peek.AssertProblemAsync(HttpStatusCode.Forbidden, "moderators_only");
    }

    [Fact]
    public async Task Without_the_price_the_join_is_402_with_price_and_balance_and_nothing_moves()
    {
        var (owner, groupId) = await PricedGroupAsync();
        var poor = await factory.UserAsync();
        using var refused = await poor.Http.PostAsync($"/api/groups/{groupId}/members", null);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.PaymentRequired, "payment_required");
        Assert.Equal(Price, problem.GetProperty("price").GetInt64());
        Assert.Equal(0, problem.GetProperty("balance").GetInt64());
        Assert.False(await IsMemberAsync(owner, groupId, poor));
        Assert.Empty((await owner.Http.GetJsonAsync($"/api/groups/{groupId}/payments")).EnumerateArray());

        // A banned user pays nothing either.
        var banned = await factory.UserAsync();
        await banned.FundAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.PutAsync($"/api/groups/{groupId}/bans/{banned.UserId}", null)).StatusCode);
        using var bannedJoin = await banned.Http.PostAsync($"/api/groups/{groupId}/members", null);
        await bannedJoin.AssertProblemAsync(HttpStatusCode.Forbidden, "banned");
        Assert.Equal(FaucetAmount, await banned.PendingAsync());
    }

    [Fact]
    public async Task A_member_who_pays_a_second_time_is_refunded_that_payment()
    {
        var (owner, groupId) = await PricedGroupAsync();
        var member = await factory.UserAsync();
        await member.FundAsync();
        var first = await (await member.Http.PostAsync($"/api/groups/{groupId}/members", null)).ReadAsync<JsonElement>(HttpStatusCode.Accepted);
        await PaymentsHttp.UntilAsync(async () => await IsMemberAsync(owner, groupId, member), "the member to be admitted");
        var treasury = (await member.Http.TransactionAsync(first.GetProperty("transaction_id").GetString()!)).GetProperty("data").GetProperty("to").GetString()!;

        // The same payment again, made by hand with the group's join memo.
        var second = await (await member.TransferAsync(treasury, Price, "pay-again", PaymentMemo.Join(groupId, member.UserId).Memo)).ReadAsync<JsonElement>(HttpStatusCode.Created);
        var secondId = second.GetProperty("transaction_id").GetString()!;

        JsonElement refunded = default;
        await PaymentsHttp.UntilAsync(async () =>
        {
            var rows = await owner.Http.GetJsonAsync($"/api/groups/{groupId}/payments");
            refunded = rows.EnumerateArray().FirstOrDefault(r => r.GetProperty("transaction_id").GetString() == secondId);
            return refunded.ValueKind == JsonValueKind.Object && refunded.GetProperty("status").GetString() == "refunded";
        }, "the second payment to be refunded");
        var refundId = refunded.GetProperty("refund_transaction_id").GetString()!;
        await member.Http.ConfirmedAsync(refundId);
        var refund = (await member.Http.TransactionAsync(refundId)).GetProperty("data");
        Assert.Equal(await member.AddressAsync(), refund.GetProperty("to").GetString());
        Assert.Equal(Price, refund.GetProperty("amount").GetInt64());
        Assert.Equal(FaucetAmount - Price, await member.ConfirmedAsync());
        Assert.Equal(Price, await owner.Http.BalanceOfAsync(treasury));
        Assert.Equal("admitted", (await owner.Http.GetJsonAsync($"/api/groups/{groupId}/payments")).EnumerateArray()
            .Single(r => r.GetProperty("transaction_id").GetString() == first.GetProperty("transaction_id").GetString()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_self_custody_member_is_told_what_to_sign_and_joins_with_the_signed_payment()
    {
        var (owner, groupId) = await PricedGroupAsync();
        var member = await factory.UserAsync();
        var (privateKey, publicKey) = TransactionSigner.CreateKeyPair();
        Assert.Equal(HttpStatusCode.OK, (await member.Http.PutAsJsonAsync("/api/me/wallet/key", new { public_key = Convert.ToHexStringLower(publicKey) })).StatusCode);
        await member.FundAsync();

        using var told = await member.Http.PostAsync($"/api/groups/{groupId}/members", null);
        var terms = await told.AssertProblemAsync(HttpStatusCode.PaymentRequired, "payment_required");
        var treasury = terms.GetProperty("to").GetString()!;
        var memo = terms.GetProperty("memo").GetString()!;
        Assert.Equal(PaymentMemo.Join(groupId, member.UserId).Memo, memo);
        Assert.Equal(Price, terms.GetProperty("price").GetInt64());

        // A payment that is short, or names another group, is refused before it reaches the chain.
        using (var shortPaid = await member.Http.PostAsJsonAsync($"/api/groups/{groupId}/members", new { payment = WalletApiTests.Signed(privateKey, treasury, Price - 1, 0, memo) }))
            await shortPaid.AssertProblemAsync(HttpStatusCode.BadRequest, "payment_required");
        using (var elsewhere = await member.Http.PostAsJsonAsync($"/api/groups/{groupId}/members", new { payment = WalletApiTests.Signed(privateKey, treasury, Price, 0, PaymentMemo.Join("0000000000000000", member.UserId).Memo) }))
            await elsewhere.AssertProblemAsync(HttpStatusCode.BadRequest, "payment_required");
        Assert.Equal(FaucetAmount, await member.PendingAsync());

        var pending = await (await member.Http.PostAsJsonAsync($"/api/groups/{groupId}/members", new { payment = WalletApiTests.Signed(privateKey, treasury, Price, 0, memo) }))
            .ReadAsync<JsonElement>(HttpStatusCode.Accepted);
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        await PaymentsHttp.UntilAsync(async () => await IsMemberAsync(owner, groupId, member), "the self-custody member to be admitted");
        Assert.Equal(FaucetAmount - Price, await member.ConfirmedAsync());
    }

    [Fact]
    public async Task A_free_group_takes_no_payment_and_a_bad_price_or_treasury_is_refused()
    {
        var owner = await factory.UserAsync();
        var groupId = await owner.CreateGroupAsync("free");
        var member = await factory.UserAsync();
        var (privateKey, publicKey) = TransactionSigner.CreateKeyPair();
        Assert.Equal(HttpStatusCode.OK, (await member.Http.PutAsJsonAsync("/api/me/wallet/key", new { public_key = Convert.ToHexStringLower(publicKey) })).StatusCode);
        using (var needless = await member.Http.PostAsJsonAsync($"/api/groups/{groupId}/members", new { payment = WalletApiTests.Signed(privateKey, Address.FromPublicKey(publicKey), 1, 0) }))
            await needless.AssertProblemAsync(HttpStatusCode.BadRequest, "join_free");
        Assert.Equal(HttpStatusCode.Created, (await member.Http.PostAsync($"/api/groups/{groupId}/members", null)).StatusCode);

        await (await owner.PatchAsync(groupId, new { join_price = -1 })).AssertProblemAsync(HttpStatusCode.BadRequest, "amount_invalid");
        await (await owner.PatchAsync(groupId, new { treasury = "not-an-address" })).AssertProblemAsync(HttpStatusCode.BadRequest, "treasury_invalid");
        await (await member.PatchAsync(groupId, new { join_price = Price })).AssertProblemAsync(HttpStatusCode.Forbidden, "moderators_only");
    }

    private async Task<(ChatApi Owner, string GroupId)> PricedGroupAsync()
    {
        var owner = await factory.UserAsync();
        var groupId = await owner.CreateGroupAsync("paid club");
        var patched = await (await owner.PatchAsync(groupId, new { join_price = Price })).ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(Price, patched.GetProperty("settings").GetProperty("join_price").GetInt64());
        return (owner, groupId);
    }

    private static async Task<bool> IsMemberAsync(ChatApi owner, string groupId, ChatApi user)
    {
        var page = await owner.Http.GetJsonAsync($"/api/groups/{groupId}/members?q={user.Username}");
        return page.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("user_id").GetString() == user.UserId);
    }
}
