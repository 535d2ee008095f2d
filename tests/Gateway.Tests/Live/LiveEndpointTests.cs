using System.Net;
using System.Net.Http.Json;
using Gateway.Live;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces.Chat;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;
using Gateway.Tests.Chat;

namespace Gateway.Tests.Live;

public sealed class LiveEndpointTests(ChatGatewayFactory factory) : IClassFixture<ChatGatewayFactory>
{
    [Fact]
    public async Task Two_users_connected_live_receive_a_third_users_messages_in_order()
    {
        var (alice, bob, carol, groupId) = await ThreeMembersAsync();
        using var aliceLive = await alice.ConnectLiveAsync();
        using var bobLive = await bob.ConnectLiveAsync();

        var sent = new List<ChatMessage>();
        for (var i = 0; i < 5; i++)
            sent.Add(await carol.SayAsync(groupId, $"message {i}"));

        foreach (var live in new[] { aliceLive, bobLive })
        {
            for (var i = 0; i < sent.Count; i++)
            {
                var e = await live.NextAsync();
                Assert.Equal(("message", $"{groupId}:{sent[i].Seq}"), (e.Event, e.Id));
                Assert.Equal((sent[i].Seq, $"message {i}", carol.UserId), (e.Message.Seq, e.Message.Text, e.Message.SenderId));
            }
        }
    }

    [Fact]
    public async Task A_reconnect_with_the_last_sequence_catches_up_without_gap_or_duplicate()
    {
        var (alice, _, carol, groupId) = await ThreeMembersAsync();
        long lastSeen;
        using (var first = await alice.ConnectLiveAsync())
        {
            var m = await carol.SayAsync(groupId, "before the drop");
            lastSeen = (await first.NextMessageAsync()).Seq;
            Assert.Equal(m.Seq, lastSeen);
        }

        var missed = new List<long>();
        for (var i = 0; i < 7; i++)
            missed.Add((await carol.SayAsync(groupId, $"missed {i}")).Seq);

        using var again = await alice.ConnectLiveAsync($"?since={groupId}:{lastSeen}");
        var after = (await carol.SayAsync(groupId, "live again")).Seq;

        var received = new List<long>();
        while (received.Count == 0 || received[^1] < after)
            received.Add((await again.NextMessageAsync()).Seq);
        Assert.Equal([.. missed, after], received);

        // Last-Event-ID works the same for one group.
        using var viaHeader = await alice.ConnectLiveAsync(lastEventId: $"{groupId}:{missed[3]}");
        Assert.Equal(missed[4], (await viaHeader.NextMessageAsync()).Seq);
    }

    [Fact]
    public async Task Info_is_answered_privately_and_a_recall_reaches_everyone()
    {
        var (alice, bob, carol, groupId) = await ThreeMembersAsync();
        using var aliceLive = await alice.ConnectLiveAsync();
        using var bobLive = await bob.ConnectLiveAsync();

        var info = await alice.PostAsync(groupId, new { client_id = "i1", type = "text", text = "/INFO" });
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal("Current subscribers: 4", (await info.Content.ReadFromJsonAsync<CommandReply>(ApiJsonOptions.Instance))!.Text);
        var note = await aliceLive.NextAsync();
        Assert.Equal(("private", null, "Current subscribers: 4"), (note.Event, note.Id, note.Message.Text));

        var message = await carol.SayAsync(groupId, "oops");
        var recall = await carol.Http.DeleteAsync($"/api/groups/{groupId}/messages/{message.Seq}");
        Assert.Equal(HttpStatusCode.OK, recall.StatusCode);
        foreach (var live in new[] { aliceLive, bobLive })
        {
            Assert.Equal(message.Seq, (await live.NextMessageAsync()).Seq);
            var recalled = await live.NextAsync();
            Assert.Equal(("recall", message.Seq), (recalled.Event, recalled.Message.RecallOf));
        }

        var history = await bob.Http.GetFromJsonAsync<HistoryPage>($"/api/groups/{groupId}/messages?after={message.Seq - 1}&limit=1", ApiJsonOptions.Instance);
        Assert.True(history!.Messages.Single().Recalled);
        var carols = await carol.SayAsync(groupId, "only carol or a moderator may recall this");
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.Http.DeleteAsync($"/api/groups/{groupId}/messages/{carols.Seq}")).StatusCode);
    }

    [Fact]
    public async Task An_unsubscribed_member_gets_nothing_live_but_the_tip_when_posting()
    {
        var (alice, bob, carol, groupId) = await ThreeMembersAsync();
        using var bobLive = await bob.ConnectLiveAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.DeleteAsync($"/api/groups/{groupId}/subscription")).StatusCode);
        Assert.Equal(("subscription", "unsubscribed"), Describe(await bobLive.NextAsync()));

        await carol.SayAsync(groupId, "bob does not see this");
        var refused = await bob.PostAsync(groupId, new { client_id = "b1", type = "text", text = "hello?" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var tip = await bobLive.NextAsync();
        Assert.Equal("private", tip.Event);
        Assert.Contains("unsubscribed", tip.Message.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.PostAsync($"/api/groups/{groupId}/subscription", null)).StatusCode);
        Assert.Equal(("subscription", "subscribed"), Describe(await bobLive.NextAsync()));
        var seen = await alice.SayAsync(groupId, "welcome back");
        var next = await bobLive.NextMessageAsync();
        Assert.Equal(seen.Seq, next.Seq);
    }

    [Fact]
    public async Task Lost_and_out_of_order_pushes_are_filled_from_history_in_order_and_never_repeated()
    {
        var (alice, bob, _, groupId) = await ThreeMembersAsync();
        using var live = await alice.ConnectLiveAsync();
        var first = await bob.SayAsync(groupId, "one");
        Assert.Equal(first.Seq, (await live.NextMessageAsync()).Seq);

        // The shards forget that alice is on this gateway for a while: pushes for her are lost.
        var member = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IMemberGrain>(alice.UserId);
        var here = factory.Services.GetRequiredService<GatewayIdentity>().Id;
        await member.DisconnectAsync(here, long.MaxValue - 1);
        var second = await bob.SayAsync(groupId, "two");
        var third = await bob.SayAsync(groupId, "three");
        await member.ConnectAsync(here, long.MaxValue);

        // The third arrives alone, then the others late: the connection fills the gap and drops the repeats.
        var hub = factory.Services.GetRequiredService<LiveHub>();
        await hub.DeliverAsync(new LiveBatch([third], [alice.UserId]));
        await hub.DeliverAsync(new LiveBatch([second, first], [alice.UserId]));
        var fourth = await bob.SayAsync(groupId, "four");

        long[] expected = [second.Seq, third.Seq, fourth.Seq];
        long[] received = [(await live.NextMessageAsync()).Seq, (await live.NextMessageAsync()).Seq, (await live.NextMessageAsync()).Seq];
        Assert.Equal(expected, received);
    }

    private static (string Event, string? Text) Describe(LiveEvent e) => (e.Event, e.Message.Text);

    private async Task<(ChatApi Alice, ChatApi Bob, ChatApi Carol, string GroupId)> ThreeMembersAsync()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var groupId = await owner.CreateGroupAsync();
        await owner.PatchAsync(groupId, new { rate_limit = new { messages = 0, period_seconds = 1, burst = 1 } });
        var users = new List<ChatApi>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var user = await ChatApi.SignUpAsync(factory.CreateClient);
            await user.JoinAsync(groupId);
            users.Add(user);
        }

        return (users[0], users[1], users[2], groupId);
    }
}
