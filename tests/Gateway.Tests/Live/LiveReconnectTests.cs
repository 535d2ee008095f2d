using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Chat;

namespace Gateway.Tests.Live;

/// <summary>Reconnecting to <c>/api/live</c> resumes exactly: every group, no gap, no duplicate, nothing history would refuse.</summary>
public sealed class LiveReconnectTests(ChatGatewayFactory factory) : IClassFixture<ChatGatewayFactory>
{
    [Fact]
    public async Task A_position_past_the_end_of_a_group_is_clamped_so_later_posts_still_arrive()
    {
        var (owner, member, groupId) = await GroupWithMemberAsync();
        var last = (await owner.SayAsync(groupId, "before")).Seq;
        using var live = await member.ConnectLiveAsync($"?since={groupId}:99999");
        var next = await owner.SayAsync(groupId, "after");
        var received = await live.NextAsync();
        Assert.Equal(next.Seq, received.Message.Seq);
        Assert.Equal(last + 1, next.Seq);
        Assert.Equal($"{groupId}:{next.Seq}", received.Id);
    }

    [Fact]
    public async Task When_since_and_last_event_id_disagree_the_newest_position_wins()
    {
        var (owner, member, groupId) = await GroupWithMemberAsync();
        var seqs = new List<long>();
        for (var i = 0; i < 6; i++)
            seqs.Add((await owner.SayAsync(groupId, $"m{i}")).Seq);

        // A browser's automatic reconnect resends the original URL with a newer Last-Event-ID.
        using var reconnect = await member.ConnectLiveAsync($"?since={groupId}:{seqs[0]}", lastEventId: $"{groupId}:{seqs[3]}");
        Assert.Equal(seqs[4], (await reconnect.NextMessageAsync()).Seq);
        Assert.Equal(seqs[5], (await reconnect.NextMessageAsync()).Seq);

        using var older = await member.ConnectLiveAsync($"?since={groupId}:{seqs[4]}", lastEventId: $"{groupId}:{seqs[1]}");
        Assert.Equal(seqs[5], (await older.NextMessageAsync()).Seq);
    }

    [Fact]
    public async Task One_last_event_id_resumes_every_group_the_stream_covers()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var member = await ChatApi.SignUpAsync(factory.CreateClient);
        var g = await owner.CreateGroupAsync("first");
        var h = await owner.CreateGroupAsync("second");
        await member.JoinAsync(g);
        await member.JoinAsync(h);

        string lastId;
        using (var live = await member.ConnectLiveAsync())
        {
            var inG = await owner.SayAsync(g, "g before");
            var inH = await owner.SayAsync(h, "h before");
            var first = await live.NextAsync();
            var second = await live.NextAsync();
            Assert.Equal((inG.Seq, inH.Seq), (first.Message.Seq, second.Message.Seq));
            lastId = second.Id!;
            Assert.Equal(new[] { $"{g}:{inG.Seq}", $"{h}:{inH.Seq}" }.Order(StringComparer.Ordinal), lastId.Split(',').Order(StringComparer.Ordinal));
        }

        var missedG = await owner.SayAsync(g, "g missed");
        var missedH = await owner.SayAsync(h, "h missed");
        using var again = await member.ConnectLiveAsync(lastEventId: lastId);
        var replayed = new[] { (await again.NextAsync()).Message, (await again.NextAsync()).Message };
        Assert.Equal(
            new[] { (g, missedG.Seq), (h, missedH.Seq) }.Order(),
            replayed.Select(m => (m.GroupId, m.Seq)).Order());
        var live2 = await owner.SayAsync(g, "g live");
        Assert.Equal(live2.Seq, (await again.NextMessageAsync()).Seq);
    }

    [Fact]
    public async Task An_unsubscribed_member_reads_nothing_through_since_that_history_refuses()
    {
        var (owner, member, groupId) = await GroupWithMemberAsync();
        var other = await owner.CreateGroupAsync("other");
        await member.JoinAsync(other);
        var hidden = await owner.SayAsync(groupId, "sent while unsubscribed");
        Assert.Equal(HttpStatusCode.NoContent, (await member.Http.DeleteAsync($"/api/groups/{groupId}/subscription")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.GetAsync($"/api/groups/{groupId}/messages?after=0")).StatusCode);

        using var live = await member.ConnectLiveAsync($"?since={groupId}:0");
        var visible = await owner.SayAsync(other, "in the other group");
        var first = await live.NextAsync();
        Assert.Equal((other, visible.Seq), (first.Message.GroupId, first.Message.Seq));
        Assert.NotEqual(hidden.Text, first.Message.Text);
    }

    [Fact]
    public async Task Two_tabs_of_one_user_both_stay_live_and_a_stream_beyond_the_cap_ends_the_oldest()
    {
        using var capped = new ChatGatewayFactory().With("Live:MaxStreamsPerUser", "2");
        var owner = await ChatApi.SignUpAsync(capped.CreateClient);
        var member = await ChatApi.SignUpAsync(capped.CreateClient);
        var groupId = await owner.CreateGroupAsync();
        await member.JoinAsync(groupId);

        using var first = await member.ConnectLiveAsync();
        using var second = await member.ConnectLiveAsync();
        var both = await owner.SayAsync(groupId, "to both tabs");
        Assert.Equal(both.Seq, (await first.NextMessageAsync()).Seq);
        Assert.Equal(both.Seq, (await second.NextMessageAsync()).Seq);

        using var third = await member.ConnectLiveAsync();
        var farewell = await first.NextAsync();
        Assert.Equal("reconnect", farewell.Event);
        var after = await owner.SayAsync(groupId, "after the third tab");
        Assert.Equal(after.Seq, (await second.NextMessageAsync()).Seq);
        Assert.Equal(after.Seq, (await third.NextMessageAsync()).Seq);

        // Closing one tab leaves the others live.
        third.Dispose();
        var last = await owner.SayAsync(groupId, "after closing a tab");
        Assert.Equal(last.Seq, (await second.NextMessageAsync()).Seq);
    }

    private async Task<(ChatApi Owner, ChatApi Member, string GroupId)> GroupWithMemberAsync()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var member = await ChatApi.SignUpAsync(factory.CreateClient);
        var groupId = await owner.CreateGroupAsync();
        await member.JoinAsync(groupId);
        return (owner, member, groupId);
    }
}
