using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grains.Interfaces.Chat;
using TestSupport;
using static Gateway.Tests.Payments.PaymentsGatewayFactory;

namespace Gateway.Tests.Payments;

[Collection(PaymentsCollection.Name)]
public sealed class TipApiTests(PaymentsGatewayFactory factory)
{
    [Fact]
    public async Task A_tip_pays_the_author_once_per_client_id_is_announced_and_shows_its_confirmations_on_the_message()
    {
        var author = await factory.UserAsync();
        var tipper = await factory.UserAsync();
        var groupId = await author.CreateGroupAsync("tips");
        await tipper.JoinAsync(groupId);
        await tipper.FundAsync();
        var message = await author.SayAsync(groupId, "a helpful answer");

        var tip = await (await tipper.Http.PostAsJsonAsync(TipsPath(groupId, message.Seq), new { amount = 150_000_000, client_id = "tip-1" })).ReadAsync<TipView>(HttpStatusCode.Created);
        Assert.Equal(author.UserId, tip.AuthorId);
        Assert.Equal(150_000_000, tip.Amount);
        var retry = await (await tipper.Http.PostAsJsonAsync(TipsPath(groupId, message.Seq), new { amount = 150_000_000, client_id = "tip-1" })).ReadAsync<TipView>(HttpStatusCode.Created);
        Assert.Equal(tip.TransactionId, retry.TransactionId);

        var history = await author.Http.GetFromJsonAsync<HistoryPage>($"/api/groups/{groupId}/messages?after={message.Seq}", ApiJsonOptions.Instance);
        var notice = Assert.Single(history!.Messages);
        Assert.Equal(ChatEventKinds.System, notice.Kind);
        Assert.Equal($"{tipper.Username} tipped {author.Username} 1.5 coins for message {message.Seq}", notice.Text);

        await PaymentsHttp.UntilAsync(async () =>
        {
            var tips = await author.Http.GetFromJsonAsync<TipView[]>(TipsPath(groupId, message.Seq), ApiJsonOptions.Instance);
            return Assert.Single(tips!).Confirmations >= 1;
        }, "the tip to confirm");
        Assert.Equal(150_000_000, await author.ConfirmedAsync());
        Assert.Equal(FaucetAmount - 150_000_000, await tipper.ConfirmedAsync());
    }

    [Fact]
    public async Task Bad_tips_are_refused_with_a_code_and_nothing_moves()
    {
        var author = await factory.UserAsync();
        var tipper = await factory.UserAsync();
        var stranger = await factory.UserAsync();
        var poor = await factory.UserAsync();
        var groupId = await author.CreateGroupAsync("no tips");
        await tipper.JoinAsync(groupId);
        await poor.JoinAsync(groupId);
        await tipper.FundAsync();
        await stranger.FundAsync();
        var message = await author.SayAsync(groupId, "tip me if you can");
        var notice = (await author.Http.GetFromJsonAsync<HistoryPage>($"/api/groups/{groupId}/messages", ApiJsonOptions.Instance))!.Messages.First(m => m.Kind == ChatEventKinds.System);

        async Task RefusedAsync(Chat.ChatApi who, long seq, object body, HttpStatusCode status, string code)
        {
            using var response = await who.Http.PostAsJsonAsync(TipsPath(groupId, seq), body);
            await response.AssertProblemAsync(status, code);
        }

        await RefusedAsync(tipper, message.Seq, new { amount = 0, client_id = "a" }, HttpStatusCode.BadRequest, "amount_invalid");
        await RefusedAsync(tipper, message.Seq, new { amount = -1, client_id = "b" }, HttpStatusCode.BadRequest, "amount_invalid");
        await RefusedAsync(tipper, message.Seq, new { amount = long.MaxValue, client_id = "c" }, HttpStatusCode.PaymentRequired, "payment_required");
        await RefusedAsync(tipper, message.Seq + 1_000, new { amount = 1, client_id = "d" }, HttpStatusCode.NotFound, "message_not_found");
        await RefusedAsync(tipper, notice.Seq, new { amount = 1, client_id = "e" }, HttpStatusCode.UnprocessableEntity, "not_tippable");
        await RefusedAsync(author, message.Seq, new { amount = 1, client_id = "f" }, HttpStatusCode.BadRequest, "tip_self");
        await RefusedAsync(stranger, message.Seq, new { amount = 1, client_id = "g" }, HttpStatusCode.Forbidden, "not_member");
        await RefusedAsync(poor, message.Seq, new { amount = 1, client_id = "h" }, HttpStatusCode.PaymentRequired, "payment_required");
        await RefusedAsync(tipper, message.Seq, new { amount = 1 }, HttpStatusCode.BadRequest, "missing_fields");
        using (var unknownGroup = await tipper.Http.PostAsJsonAsync(TipsPath("0123456789abcdef", 1), new { amount = 1, client_id = "i" }))
            await unknownGroup.AssertProblemAsync(HttpStatusCode.NotFound, "group_not_found");

        Assert.Equal(FaucetAmount, await tipper.PendingAsync());
        Assert.Equal(FaucetAmount, await stranger.PendingAsync());
        Assert.Equal(0, await author.PendingAsync());
        Assert.Empty(await author.Http.GetFromJsonAsync<TipView[]>(TipsPath(groupId, message.Seq), ApiJsonOptions.Instance) ?? []);
    }

    private static string TipsPath(string groupId, long seq) => $"/api/groups/{groupId}/messages/{seq}/tips";
}
