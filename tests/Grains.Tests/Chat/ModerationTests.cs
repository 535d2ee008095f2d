using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Tests.Infrastructure;

namespace Grains.Tests.Chat;

[Collection(ClusterCollection.Name)]
public sealed class ModerationTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_banned_or_kicked_author_cannot_recall_their_old_messages_and_nothing_is_stored()
    {
        var (group, owner, id) = await NewGroupAsync();
        var mallory = await JoinAsync(group, $"mallory-{id}");
        var trudy = await JoinAsync(group, $"trudy-{id}");
        var spam = (await group.PostAsync(mallory, new MessageDraft("m1", "text", "spam"))).Message!;
        var noise = (await group.PostAsync(trudy, new MessageDraft("t1", "text", "noise"))).Message!;
        await group.BanAsync(owner, mallory);
        await group.KickAsync(owner, trudy);
        var before = (await group.GetAsync()).LastSeq;

        Assert.Equal("banned", (await Assert.ThrowsAsync<DomainException>(() => group.RecallAsync(mallory, spam.Seq))).Code);
        Assert.Equal("not_member", (await Assert.ThrowsAsync<DomainException>(() => group.RecallAsync(trudy, noise.Seq))).Code);
        Assert.Equal(before, (await group.GetAsync()).LastSeq);

        // The evidence stays until a moderator takes it down.
        Assert.Equal(spam.Seq, (await group.RecallAsync(owner, spam.Seq)).RecallOf);
    }

    [Fact]
    public async Task A_banned_user_is_told_they_are_banned_not_to_join_first()
    {
        var (group, owner, id) = await NewGroupAsync();
        var mallory = await JoinAsync(group, $"mallory-{id}");
        await group.BanAsync(owner, mallory);

        Assert.Equal("banned", (await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(mallory, new MessageDraft("m2", "text", "let me in")))).Code);
        Assert.Equal("banned", (await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(mallory, new MessageDraft("m3", "text", "/INFO")))).Code);
        Assert.Equal("banned", (await Assert.ThrowsAsync<DomainException>(() => group.GetHistoryAsync(mallory, 0, null, 10))).Code);
        Assert.Equal("banned", (await Assert.ThrowsAsync<DomainException>(() => group.JoinAsync(new MemberProfile(mallory, mallory)))).Code);
        Assert.Equal("not_member", (await Assert.ThrowsAsync<DomainException>(() => group.PostAsync($"stranger-{id}", new MessageDraft("s1", "text", "hi")))).Code);
    }

    [Fact]
    public async Task Info_and_help_spend_the_members_rate_limit_like_any_post()
    {
        var (group, owner, id) = await NewGroupAsync();
        var bob = await JoinAsync(group, $"bob-{id}");
        await group.UpdateSettingsAsync(owner, new GroupSettingsPatch(RateLimit: new RateLimitSettings(1, 60, 2)));

        Assert.NotNull((await group.PostAsync(bob, new MessageDraft("i1", "text", "/INFO"))).Reply);
        Assert.NotNull((await group.PostAsync(bob, new MessageDraft("h1", "text", "/help"))).Reply);
        var third = await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(bob, new MessageDraft("p1", "text", "hello")));
        Assert.Equal("too_frequent", third.Code);
        Assert.Equal("too_frequent", (await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(bob, new MessageDraft("i2", "text", "/INFO")))).Code);
    }

    [Fact]
    public async Task The_welcome_text_goes_privately_to_a_member_who_joins_and_to_nobody_else()
    {
        var (group, owner, id) = await NewGroupAsync(shards: 1);
        var gateway = await RecordingGateway.RegisterAsync(Client, $"gw-welcome-{id}");
        var (erin, frank) = ($"erin-{id}", $"frank-{id}");
        await Client.GetGrain<IMemberGrain>(erin).ConnectAsync(gateway.Id, 1);
        await Client.GetGrain<IMemberGrain>(frank).ConnectAsync(gateway.Id, 1);
        await group.UpdateSettingsAsync(owner, new GroupSettingsPatch(WelcomeText: "Welcome {user} to {group}!"));
        await JoinAsync(group, frank);

        await JoinAsync(group, erin);
        await RecordingGateway.WaitUntilAsync(
            () => gateway.Deliveries().Any(d => d.User == erin && d.Message.Kind == ChatEventKinds.Private), "erin got the welcome");
        var welcomes = gateway.Deliveries().Where(d => d.Message.Kind == ChatEventKinds.Private && d.Message.Text!.StartsWith("Welcome", StringComparison.Ordinal)).ToList();
        Assert.Contains(welcomes, d => d.User == erin && d.Message.Text == $"Welcome {erin} to group {id}!");
        Assert.DoesNotContain(welcomes, d => d.User == erin && d.Message.Seq != 0);
        Assert.Single(welcomes, d => d.User == frank);

        // Joining again is not a new join: no second welcome, and nothing of it in the group's history.
        await group.JoinAsync(new MemberProfile(erin, erin));
        var history = await group.GetHistoryAsync(owner, 0, null, 200);
        Assert.DoesNotContain(history.Messages, m => m.Text is { } t && t.StartsWith("Welcome", StringComparison.Ordinal));
        Assert.Single(gateway.Deliveries(), d => d.User == erin && d.Message.Text is { } t && t.StartsWith("Welcome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_with_streams_on_two_gateways_gets_every_message_on_both_until_each_disconnects()
    {
        var (group, owner, id) = await NewGroupAsync(shards: 1);
        var ivan = await JoinAsync(group, $"ivan-{id}");
        var left = await RecordingGateway.RegisterAsync(Client, $"gw-left-{id}");
        var right = await RecordingGateway.RegisterAsync(Client, $"gw-right-{id}");
        var member = Client.GetGrain<IMemberGrain>(ivan);
        await member.ConnectAsync(left.Id, 1);
        await member.ConnectAsync(right.Id, 1);

        var both = (await group.PostAsync(owner, new MessageDraft("b1", "text", "to both tabs"))).Message!;
        await RecordingGateway.WaitUntilAsync(() => left.Deliveries().Any(d => d.User == ivan && d.Message.Seq == both.Seq)
            && right.Deliveries().Any(d => d.User == ivan && d.Message.Seq == both.Seq), "both gateways got the message");

        // A disconnect that overtook a newer connect from the same gateway (a tab closed as another opened) is ignored.
        await member.ConnectAsync(left.Id, 3);
        await member.DisconnectAsync(left.Id, 2);
        await member.DisconnectAsync(right.Id, 1);
        var leftOnly = (await group.PostAsync(owner, new MessageDraft("b2", "text", "left tab only"))).Message!;
        var marker = (await group.PostAsync(owner, new MessageDraft("b3", "text", "marker"))).Message!;
        await RecordingGateway.WaitUntilAsync(() => left.Deliveries().Any(d => d.User == ivan && d.Message.Seq == marker.Seq), "the left gateway still delivers");
        Assert.DoesNotContain(right.Deliveries(), d => d.Message.Seq == leftOnly.Seq);
    }

    private Task<(IGroupGrain Group, string Owner, string Id)> NewGroupAsync(int shards = 4) => GroupScenario.NewGroupAsync(Client, shards);

    private static Task<string> JoinAsync(IGroupGrain group, string userId) => GroupScenario.JoinAsync(group, userId);
}
