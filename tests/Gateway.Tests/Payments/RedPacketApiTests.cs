using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Chat;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Payments;
using Grains.Payments.RedPackets;
using TestSupport;
using static Gateway.Tests.Payments.PaymentsGatewayFactory;

namespace Gateway.Tests.Payments;

[Collection(PaymentsCollection.Name)]
public sealed class RedPacketApiTests(PaymentsGatewayFactory factory)
{
    [Fact]
    public async Task A_packet_is_announced_once_funded_live_and_in_history_and_each_member_claims_one_share_of_a_split_anyone_can_check()
    {
        var (sender, groupId, members) = await GroupAsync(members: 3);
        await sender.FundAsync();
        var stranger = await factory.UserAsync();
        using var live = await members[0].ConnectLiveAsync();

        const long total = 7 * UnitsPerCoin;
        var created = await (await sender.Http.PostAsJsonAsync($"/api/groups/{groupId}/red-packets",
            new { total, count = 2, mode = "random", greeting = "恭喜发财", client_id = "rp-1" })).ReadAsync<RedPacketView>(HttpStatusCode.Created);
        Assert.Equal(RedPacketStatus.Funding, created.Status);
        Assert.Null(created.Seed);
        // Claims wait for the funding to confirm.
        using (var early = await members[0].Http.PostAsync(ClaimPath(groupId, created.PacketId), null))
        {
            if (early.StatusCode != HttpStatusCode.Created)
                await early.AssertProblemAsync(HttpStatusCode.Conflict, "packet_not_open");
        }

        // The retried creation is the same packet, paid once.
        var retried = await (await sender.Http.PostAsJsonAsync($"/api/groups/{groupId}/red-packets",
            new { total, count = 2, mode = "random", greeting = "恭喜发财", client_id = "rp-1" })).ReadAsync<RedPacketView>(HttpStatusCode.Created);
        Assert.Equal(created.PacketId, retried.PacketId);
        Assert.Equal(created.FundingTransactionId, retried.FundingTransactionId);

        var announced = await NextRedPacketAsync(live);
        Assert.Equal(sender.UserId, announced.SenderId);
        Assert.Equal("恭喜发财", announced.Text);
        Assert.Equal($"/api/groups/{groupId}/red-packets/{created.PacketId}", announced.Url);
        var history = await members[1].Http.GetFromJsonAsync<HistoryPage>($"/api/groups/{groupId}/messages", ApiJsonOptions.Instance);
        Assert.Single(history!.Messages, m => m.Type == MessageTypes.RedPacket && m.Seq == announced.Seq);

        var claims = new List<RedPacketClaimView>();
        foreach (var member in members.Take(2))
        {
            var claimed = await (await member.Http.PostAsync(ClaimPath(groupId, created.PacketId), null)).ReadAsync<RedPacketClaimView>(HttpStatusCode.Created);
            claims.Add(claimed);
            await (await member.Http.PostAsync(ClaimPath(groupId, created.PacketId), null)).AssertProblemAsync(HttpStatusCode.Conflict, "already_claimed");
        }

        await (await members[2].Http.PostAsync(ClaimPath(groupId, created.PacketId), null)).AssertProblemAsync(HttpStatusCode.Conflict, "packet_exhausted");
        await (await stranger.Http.PostAsync(ClaimPath(groupId, created.PacketId), null)).AssertProblemAsync(HttpStatusCode.Forbidden, "not_member");
        // A packet is claimed only through its own group: the stranger's group does not have it, nor does any group an unknown id.
        var strangersGroup = await stranger.CreateGroupAsync("elsewhere");
        await (await stranger.Http.PostAsync(ClaimPath(strangersGroup, created.PacketId), null)).AssertProblemAsync(HttpStatusCode.NotFound, "packet_not_found");
        await (await members[2].Http.PostAsync(ClaimPath(groupId, "0123456789abcdef"), null)).AssertProblemAsync(HttpStatusCode.NotFound, "packet_not_found");
        Assert.Equal(total, claims.Sum(c => c.Amount));
        Assert.All(claims, c => Assert.True(c.Amount >= 1));

        // The book: every claim with its payout transaction, and once closed the seed that fixed the split.
        RedPacketView book = null!;
        await PaymentsHttp.UntilAsync(async () =>
        {
            book = await sender.Http.GetFromJsonAsync<RedPacketView>($"/api/groups/{groupId}/red-packets/{created.PacketId}", ApiJsonOptions.Instance) ?? throw new InvalidOperationException();
            return book.Claims.All(c => c.Confirmations >= 1);
        }, "every payout to confirm");
        Assert.Equal(RedPacketStatus.Finished, book.Status);
        Assert.Equal(announced.Seq, book.MessageSeq);
        Assert.Equal(claims.Select(c => (c.UserId, c.Amount)), book.Claims.Select(c => (c.UserId, c.Amount)));
        Assert.Equal(RedPacketSplitter.Split(total, 2, RedPacketMode.Random, Convert.FromHexString(book.Seed!)), book.Claims.Select(c => c.Amount));
        for (var i = 0; i < 2; i++)
            Assert.Equal(claims[i].Amount, await members[i].ConfirmedAsync());
        Assert.Equal(0, await sender.Http.BalanceOfAsync(book.EscrowAddress));
        Assert.Equal(FaucetAmount - total, await sender.ConfirmedAsync());
    }

    [Fact]
    public async Task An_expired_packet_refunds_the_rest_to_its_sender_and_takes_no_more_claims()
    {
        var (sender, groupId, members) = await GroupAsync(members: 2);
        await sender.FundAsync();
        const long total = 9 * UnitsPerCoin;
        var created = await (await sender.Http.PostAsJsonAsync($"/api/groups/{groupId}/red-packets",
            new { total, count = 3, mode = "equal", greeting = "quick", client_id = "rp-expiring", expires_in_seconds = 4 })).ReadAsync<RedPacketView>(HttpStatusCode.Created);

        RedPacketClaimView? claim = null;
        await PaymentsHttp.UntilAsync(async () =>
        {
            using var response = await members[0].Http.PostAsync(ClaimPath(groupId, created.PacketId), null);
            if (response.StatusCode == HttpStatusCode.Conflict)
                return false; // not open yet
            claim = await response.ReadAsync<RedPacketClaimView>(HttpStatusCode.Created);
            return true;
        }, "the packet to open");
        Assert.Equal(3 * UnitsPerCoin, claim!.Amount);

        RedPacketView book = null!;
        await PaymentsHttp.UntilAsync(async () =>
        {
            book = (await sender.Http.GetFromJsonAsync<RedPacketView>($"/api/groups/{groupId}/red-packets/{created.PacketId}", ApiJsonOptions.Instance))!;
            return book.RefundTransactionId is { } refund && await sender.Http.ConfirmationsAsync(refund) >= 1;
        }, "the refund to confirm");
        Assert.Equal(RedPacketStatus.Expired, book.Status);
        Assert.Equal(6 * UnitsPerCoin, book.RefundAmount);
        await (await members[1].Http.PostAsync(ClaimPath(groupId, created.PacketId), null)).AssertProblemAsync(HttpStatusCode.Conflict, "packet_expired");
        await PaymentsHttp.UntilAsync(async () => await members[0].ConfirmedAsync() == 3 * UnitsPerCoin, "the one payout to confirm");
        Assert.Equal(FaucetAmount - (3 * UnitsPerCoin), await sender.ConfirmedAsync());
        Assert.Equal(0, await sender.Http.BalanceOfAsync(book.EscrowAddress));
        Assert.Equal(0, await members[1].ConfirmedAsync());
    }

    [Fact]
    public async Task Bad_packets_are_refused_with_a_code_and_nothing_moves()
    {
        var (sender, groupId, members) = await GroupAsync(members: 2);
        var stranger = await factory.UserAsync();
        var banned = members[1];
        await sender.FundAsync();
        var before = await sender.PendingAsync();

        async Task RefusedAsync(ChatApi who, object body, HttpStatusCode status, string code)
        {
            using var response = await who.Http.PostAsJsonAsync($"/api/groups/{groupId}/red-packets", body);
            await response.AssertProblemAsync(status, code);
        }

        await RefusedAsync(sender, new { total = 100, count = 0, client_id = "a" }, HttpStatusCode.BadRequest, "shares_invalid");
        await RefusedAsync(sender, new { total = 100, count = 4, client_id = "b" }, HttpStatusCode.BadRequest, "shares_invalid"); // 3 members
        await RefusedAsync(sender, new { total = 2, count = 3, client_id = "c" }, HttpStatusCode.BadRequest, "amount_invalid");
        await RefusedAsync(sender, new { total = -100, count = 1, client_id = "d" }, HttpStatusCode.BadRequest, "amount_invalid");
        await RefusedAsync(sender, new { total = long.MaxValue, count = 1, client_id = "e" }, HttpStatusCode.PaymentRequired, "payment_required");
        await RefusedAsync(sender, new { total = 100, count = 1, client_id = "f", expires_in_seconds = (24 * 3600) + 1 }, HttpStatusCode.BadRequest, "expiry_invalid");
        await RefusedAsync(sender, new { total = 100, count = 1, client_id = "g", expires_in_seconds = 0 }, HttpStatusCode.BadRequest, "expiry_invalid");
        await RefusedAsync(sender, new { total = 100, count = 1, client_id = "h", greeting = new string('g', 201) }, HttpStatusCode.BadRequest, "greeting_too_long");
        await RefusedAsync(sender, new { total = 100, count = 1 }, HttpStatusCode.BadRequest, "missing_fields");
        await RefusedAsync(stranger, new { total = 100, count = 1, client_id = "i" }, HttpStatusCode.Forbidden, "not_member");
        await RefusedAsync(members[0], new { total = 100, count = 1, client_id = "j" }, HttpStatusCode.PaymentRequired, "payment_required");
        Assert.Equal(HttpStatusCode.NoContent, (await sender.Http.PutAsync($"/api/groups/{groupId}/bans/{banned.UserId}", null)).StatusCode);
        await RefusedAsync(banned, new { total = 100, count = 1, client_id = "k" }, HttpStatusCode.Forbidden, "banned");

        // A red_packet message cannot be forged by posting one; only a funded packet makes one.
        using (var forged = await sender.PostAsync(groupId, new { client_id = "forged", type = "red_packet", text = "free money" }))
            await forged.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "type_reserved");
        // Turning red packets off in the group's allowed types turns them off.
        Assert.Equal(HttpStatusCode.OK, (await sender.PatchAsync(groupId, new { allowed_types = new[] { "text" } })).StatusCode);
        await RefusedAsync(sender, new { total = 100, count = 1, client_id = "l" }, HttpStatusCode.UnprocessableEntity, "type_not_allowed");
        using (var unknown = await sender.Http.GetAsync($"/api/groups/{groupId}/red-packets/0123456789abcdef"))
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "packet_not_found");

        Assert.Equal(before, await sender.PendingAsync());
        Assert.DoesNotContain((await sender.WalletAsync()).GetProperty("recent").EnumerateArray(),
            t => t.GetProperty("memo").GetString()?.StartsWith("packet:", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_thousand_members_claiming_a_hundred_shares_at_once_get_exactly_a_hundred_shares_paid_once_each()
    {
        const int claimers = 1_000;
        const int shares = 100;
        const long total = 10 * UnitsPerCoin;
        var sender = await factory.UserAsync();
        var groupId = await sender.CreateGroupAsync("lucky thousand", shards: 8);
        var members = new ChatApi[claimers];
        for (var start = 0; start < claimers; start += 100)
        {
            var batch = await Task.WhenAll(Enumerable.Range(start, 100).Select(async i =>
            {
                var member = await factory.UserAsync();
                Assert.Equal(HttpStatusCode.Created, (await member.Http.PostAsync($"/api/groups/{groupId}/members", null)).StatusCode);
                return member;
            }));
            batch.CopyTo(members, start);
        }

        await sender.FundAsync();
        var created = await (await sender.Http.PostAsJsonAsync($"/api/groups/{groupId}/red-packets",
            new { total, count = shares, mode = "random", greeting = "first come", client_id = "rp-thousand" })).ReadAsync<RedPacketView>(HttpStatusCode.Created);
        await PaymentsHttp.UntilAsync(async () => (await sender.Http.GetFromJsonAsync<RedPacketView>($"/api/groups/{groupId}/red-packets/{created.PacketId}", ApiJsonOptions.Instance))!.Status == RedPacketStatus.Open,
            "the packet to open");

        var answers = await Task.WhenAll(members.Select(async member =>
        {
            using var response = await member.Http.PostAsync(ClaimPath(groupId, created.PacketId), null);
            if (response.StatusCode == HttpStatusCode.Created)
                return (member, Claim: await response.ReadAsync<RedPacketClaimView>(HttpStatusCode.Created));
            await response.AssertProblemAsync(HttpStatusCode.Conflict, "packet_exhausted");
            return (member, Claim: (RedPacketClaimView?)null);
        }));

        var won = answers.Where(a => a.Claim is not null).ToList();
        Assert.Equal(shares, won.Count);
        Assert.Equal(total, won.Sum(a => a.Claim!.Amount));
        Assert.Equal(Enumerable.Range(0, shares), won.Select(a => a.Claim!.Index).Order());
        Assert.Equal(shares, won.Select(a => a.Claim!.UserId).Distinct().Count());

        // Every share paid to its claimer exactly once: the escrow ends empty and each wallet holds its share, no more.
        RedPacketView book = null!;
        await PaymentsHttp.UntilAsync(async () =>
        {
            book = (await sender.Http.GetFromJsonAsync<RedPacketView>($"/api/groups/{groupId}/red-packets/{created.PacketId}", ApiJsonOptions.Instance))!;
            return book.Claims.Length == shares && book.Claims.All(c => c.Confirmations >= 1);
        }, "all hundred payouts to confirm");
        Assert.Equal(RedPacketStatus.Finished, book.Status);
        Assert.Equal(shares, book.Claims.Select(c => c.TransactionId).Distinct().Count());
        Assert.Equal(0, await sender.Http.BalanceOfAsync(book.EscrowAddress));
        foreach (var (member, claim) in won)
            Assert.Equal(claim!.Amount, await member.ConfirmedAsync());
        foreach (var (member, _) in answers.Where(a => a.Claim is null).Take(20))
            Assert.Equal(0, await member.PendingAsync());
    }

    private static string ClaimPath(string groupId, string packetId) => $"/api/groups/{groupId}/red-packets/{packetId}/claims";

    /// <summary>A group of a sender and <paramref name="members"/> other members.</summary>
    private async Task<(ChatApi Sender, string GroupId, ChatApi[] Members)> GroupAsync(int members)
    {
        var sender = await factory.UserAsync();
        var groupId = await sender.CreateGroupAsync("red packets");
        var joined = new ChatApi[members];
        for (var i = 0; i < members; i++)
        {
            joined[i] = await factory.UserAsync();
            await joined[i].JoinAsync(groupId);
        }

        return (sender, groupId, joined);
    }

    private static async Task<ChatMessage> NextRedPacketAsync(LiveStream live)
    {
        for (var i = 0; i < 50; i++)
        {
            var next = await live.NextAsync(PaymentsHttp.Patience);
            if (next.Event == "message" && next.Message.Type == MessageTypes.RedPacket)
                return next.Message;
        }

        throw new InvalidOperationException("no red_packet message arrived live");
    }
}
