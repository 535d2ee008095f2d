using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Tests.Infrastructure;

namespace Grains.Tests.Chat;

[Collection(ClusterCollection.Name)]
public sealed class GroupGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_retried_post_with_the_same_client_id_is_stored_once_and_answers_with_the_first_result()
    {
        var (group, owner, id) = await NewGroupAsync();
        var alice = await JoinAsync(group, $"alice-{id}");

        var first = (await group.PostAsync(alice, new MessageDraft("c-1", "text", "hello"))).Message!;
        var retry = (await group.PostAsync(alice, new MessageDraft("c-1", "text", "hello"))).Message!;
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => group.PostAsync(alice, new MessageDraft("c-2", "text", "again"))));
        var otherSender = (await group.PostAsync(owner, new MessageDraft("c-1", "text", "same id, other sender"))).Message!;

        Assert.Equal(first, retry);
        Assert.Single(concurrent.Select(o => o.Message!.Seq).Distinct());
        Assert.NotEqual(first.Seq, otherSender.Seq);
        var history = await group.GetHistoryAsync(owner, 0, null, 200);
        Assert.Single(history.Messages, m => m.SenderId == alice && m.ClientId == "c-1");
        Assert.Single(history.Messages, m => m.SenderId == alice && m.ClientId == "c-2");
        Assert.Single(history.Messages, m => m.SenderId == owner && m.ClientId == "c-1");
    }

    [Fact]
    public async Task Refused_posts_are_not_stored_and_the_sender_gets_the_tip_privately()
    {
        var (group, owner, id) = await NewGroupAsync();
        var bob = await JoinAsync(group, $"bob-{id}");
        var gateway = await RecordingGateway.RegisterAsync(Client, $"gw-{id}");
        await Client.GetGrain<IMemberGrain>(bob).ConnectAsync(gateway.Id, 1);
        var before = (await group.GetAsync()).LastSeq;

        await group.SetSubscriptionAsync(bob, false);
        var unsubscribed = await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(bob, new MessageDraft("x1", "text", "hi")));
        Assert.Equal(ErrorKind.Forbidden, unsubscribed.Kind);
        await group.SetSubscriptionAsync(bob, true);

        await group.UpdateSettingsAsync(owner, new GroupSettingsPatch(RateLimit: new RateLimitSettings(1, 60, 2), LinkFilter: true, AllowedTypes: ["text"]));
        Assert.Equal("link_refused", (await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(bob, new MessageDraft("x2", "text", "see t.me/spam")))).Code);
        Assert.Equal("type_not_allowed", (await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(bob, new MessageDraft("x3", "image", null, "https://a.example/b.png")))).Code);
        await group.PostAsync(bob, new MessageDraft("ok1", "text", "one"));
        await group.PostAsync(bob, new MessageDraft("ok2", "text", "two"));
        var tooMany = await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(bob, new MessageDraft("x4", "text", "three")));
        Assert.Equal(ErrorKind.TooManyRequests, tooMany.Kind);
        Assert.NotNull(tooMany.RetryAfter);

        // Moderators are exempt from the rate limit and the link filter.
        for (var i = 0; i < 5; i++)
            await group.PostAsync(owner, new MessageDraft($"o{i}", "text", "owner at example.com"));

        await group.UpdateSettingsAsync(owner, new GroupSettingsPatch(MuteAll: true));
        Assert.Equal("muted", (await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(bob, new MessageDraft("x5", "text", "hi")))).Code);

        var history = await group.GetHistoryAsync(owner, before, null, 200);
        Assert.DoesNotContain(history.Messages, m => m.ClientId is { } c && c.StartsWith('x'));
        Assert.Equal(["ok1", "ok2"], history.Messages.Where(m => m.SenderId == bob).Select(m => m.ClientId));
        await RecordingGateway.WaitUntilAsync(() => gateway.Deliveries().Count(d => d.Message.Kind == ChatEventKinds.Private) >= 2, "both tips arrived");
        var tips = gateway.Deliveries().Where(d => d.Message.Kind == ChatEventKinds.Private).ToList();
        Assert.All(tips, t => Assert.Equal(bob, t.User));
        Assert.Contains(tips, t => t.Message.Text!.Contains("unsubscribed", StringComparison.Ordinal));
        Assert.Contains(tips, t => t.Message.Text!.Contains("too often", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Info_answers_only_the_sender_with_the_subscriber_count_and_stores_nothing()
    {
        var (group, owner, id) = await NewGroupAsync();
        var carol = await JoinAsync(group, $"carol-{id}");
        var dave = await JoinAsync(group, $"dave-{id}");
        await group.SetSubscriptionAsync(dave, false);
        await group.UpdateSettingsAsync(owner, new GroupSettingsPatch(Templates: new MessageTemplatesPatch(InfoAnswer: "当前订阅人数: {count}")));
        var lastSeq = (await group.GetAsync()).LastSeq;

        var outcome = await group.PostAsync(carol, new MessageDraft("i1", "text", "/INFO"));

        Assert.Null(outcome.Message);
        Assert.Equal("当前订阅人数: 2", outcome.Reply!.Text);
        Assert.Equal(lastSeq, (await group.GetAsync()).LastSeq);
        Assert.Contains("/INFO", (await group.PostAsync(carol, new MessageDraft("h1", "text", "/help"))).Reply!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Banned_members_cannot_rejoin_until_unbanned_and_operators_cannot_moderate_each_other()
    {
        var (group, owner, id) = await NewGroupAsync();
        var op1 = await JoinAsync(group, $"op1-{id}");
        var op2 = await JoinAsync(group, $"op2-{id}");
        var eve = await JoinAsync(group, $"eve-{id}");
        await group.SetOperatorAsync(owner, op1, true);
        await group.SetOperatorAsync(owner, op2, true);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => group.SetOperatorAsync(op1, eve, true))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => group.KickAsync(op1, op2))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => group.BanAsync(eve, op1))).Kind);

        await group.BanAsync(op1, eve);
        Assert.Equal("banned", (await Assert.ThrowsAsync<DomainException>(() => group.JoinAsync(new MemberProfile(eve, eve)))).Code);
        Assert.Empty(await Client.GetGrain<IMemberGrain>(eve).GetGroupsAsync());
        await group.UnbanAsync(op1, eve);
        await group.JoinAsync(new MemberProfile(eve, eve));

        await group.KickAsync(owner, op2);
        Assert.DoesNotContain(op2, (await group.GetAsync()).Operators);
        await group.JoinAsync(new MemberProfile(op2, op2));
        Assert.Equal(MemberRoles.Member, (await group.ListMembersAsync(owner, op2, null, 10)).Items.Single().Role);
    }

    [Fact]
    public async Task Member_list_pages_across_shards_without_repeats_or_gaps_and_joins_post_the_notice()
    {
        var (group, owner, id) = await NewGroupAsync(shards: 8);
        var members = Enumerable.Range(0, 500).Select(i => new MemberProfile($"m{i:D3}-{id}", $"Name{i:D3}")).ToArray();
        await group.ImportMembersAsync(members, indexMembers: false);
        await group.UpdateSettingsAsync(owner, new GroupSettingsPatch(Templates: new MessageTemplatesPatch(JoinNotice: "{user} 加入了群组")));
        var late = await JoinAsync(group, $"late-{id}");

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await group.ListMembersAsync(owner, null, cursor, 33);
            seen.AddRange(page.Items.Select(m => m.UserId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(502, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Contains(late, seen);
        Assert.Equal(10, (await group.ListMembersAsync(owner, "name49", null, 100)).Items.Length);
        var notice = (await group.GetHistoryAsync(owner, null, long.MaxValue, 1)).Messages.Single();
        Assert.Equal((ChatEventKinds.System, $"{late} 加入了群组"), (notice.Kind, notice.Text));
    }

    [Fact]
    public async Task Unread_count_is_the_last_sequence_minus_the_last_read_one()
    {
        var (group, owner, id) = await NewGroupAsync();
        var frank = await JoinAsync(group, $"frank-{id}");
        for (var i = 0; i < 5; i++)
            await group.PostAsync(owner, new MessageDraft($"p{i}", "text", $"message {i}"));
        var last = (await group.GetAsync()).LastSeq;

        var read = await group.SetLastReadAsync(frank, last - 3);

        Assert.Equal(new ReadState(last - 3, last, 3), read);
        Assert.Equal(read, await group.GetReadStateAsync(frank));
        Assert.Equal(new ReadState(last, last, 0), await group.SetLastReadAsync(frank, last + 100));
    }

    [Fact]
    public async Task History_pages_after_and_before_a_sequence_number()
    {
        var (group, owner, _) = await NewGroupAsync();
        for (var i = 0; i < 20; i++)
            await group.PostAsync(owner, new MessageDraft($"h{i}", "text", $"message {i}"));
        var last = (await group.GetAsync()).LastSeq;

        var after = await group.GetHistoryAsync(owner, last - 10, null, 4);
        var before = await group.GetHistoryAsync(owner, null, last - 10, 4);

        Assert.Equal([last - 9, last - 8, last - 7, last - 6], after.Messages.Select(m => m.Seq));
        Assert.Equal([last - 14, last - 13, last - 12, last - 11], before.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task A_gateway_that_stops_refreshing_its_registration_is_dropped()
    {
        var directory = Client.GetGrain<IGatewayDirectoryGrain>(0);
        var gateway = await RecordingGateway.RegisterAsync(Client, $"gw-short-{Guid.NewGuid():N}", TimeSpan.FromSeconds(3));
        Assert.Contains(await directory.GetActiveAsync(), g => g.GatewayId == gateway.Id);

        await RecordingGateway.WaitUntilAsync(() => directory.GetActiveAsync().Result.All(g => g.GatewayId != gateway.Id), "the registration expired");
    }

    [Fact]
    public async Task Members_on_a_gateway_whose_registration_expired_are_dropped_from_fan_out()
    {
        var (group, owner, id) = await NewGroupAsync(shards: 1);
        var grace = await JoinAsync(group, $"grace-{id}");
        var heidi = await JoinAsync(group, $"heidi-{id}");
        var dying = await RecordingGateway.RegisterAsync(Client, $"gw-dying-{id}", TimeSpan.FromMilliseconds(300));
        var alive = await RecordingGateway.RegisterAsync(Client, $"gw-alive-{id}");
        await Client.GetGrain<IMemberGrain>(grace).ConnectAsync(dying.Id, 1);
        await Client.GetGrain<IMemberGrain>(heidi).ConnectAsync(alive.Id, 1);
        var shard = Client.GetGrain<IMessageShardGrain>(0, $"g-{id}", null);
        Assert.Equal(2, (await shard.GetCountsAsync()).Online);

        // The dying gateway never refreshes; shards re-read the directory every few seconds and forget it.
        var posts = 0;
        await RecordingGateway.WaitUntilAsync(() =>
        {
            group.PostAsync(owner, new MessageDraft($"d{posts++}", "text", "anyone there?")).Wait();
            return shard.GetCountsAsync().Result.Online == 1;
        }, "the shard dropped the members of the expired gateway");

        var last = (await group.PostAsync(owner, new MessageDraft("final", "text", "still here"))).Message!;
        await RecordingGateway.WaitUntilAsync(() => alive.Deliveries().Any(d => d.Message.Seq == last.Seq), "the live gateway got the last message");
        Assert.DoesNotContain(dying.Deliveries(), d => d.Message.Seq == last.Seq);
    }

    private Task<(IGroupGrain Group, string Owner, string Id)> NewGroupAsync(int shards = 4) => GroupScenario.NewGroupAsync(Client, shards);

    private static Task<string> JoinAsync(IGroupGrain group, string userId) => GroupScenario.JoinAsync(group, userId);
}
