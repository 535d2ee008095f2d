using Grains.Interfaces.Chat;
using Grains.Tests.Infrastructure;

namespace Grains.Tests.Chat;

[Collection(ClusterCollection.Name)]
public sealed class LargeGroupTests(ClusterFixture fixture)
{
    private const int GroupSize = 100_000;
    private const int Shards = 16;

    [Fact]
    public async Task In_a_100000_member_group_a_message_and_its_recall_reach_every_subscribed_online_member_exactly_once_and_no_one_else()
    {
        var client = fixture.Client;
        var groupId = "big-" + Guid.NewGuid().ToString("N")[..8];
        var owner = $"owner-{groupId}";
        var group = client.GetGrain<IGroupGrain>(groupId);
        await group.CreateAsync(new CreateGroupCommand(owner, owner, "big group", null, Shards));

        var online = Enumerable.Range(0, 400).Select(i => new MemberProfile($"on{i}-{groupId}", $"On{i}")).ToArray();
        var offline = Enumerable.Range(0, GroupSize - 1 - online.Length).Select(i => new MemberProfile($"u{i}", $"u{i}")).ToArray();
        foreach (var chunk in offline.Chunk(20_000))
            await group.ImportMembersAsync(chunk, indexMembers: false);
        await group.ImportMembersAsync(online, indexMembers: true);

        var view = await group.GetAsync();
        Assert.Equal(GroupSize, view.MemberCount);

        var unsubscribed = online[..40];
        var banned = online[40..80];
        var subscribed = online[80..];
        foreach (var member in unsubscribed)
            await group.SetSubscriptionAsync(member.UserId, false);
        foreach (var member in banned)
            await group.BanAsync(owner, member.UserId);
        Assert.Equal(GroupSize - banned.Length, (await group.GetAsync()).MemberCount);

        var gatewayA = await RecordingGateway.RegisterAsync(client, $"gw-a-{groupId}");
        var gatewayB = await RecordingGateway.RegisterAsync(client, $"gw-b-{groupId}");
        var gatewayOf = new Dictionary<string, RecordingGateway>();
        for (var i = 0; i < online.Length; i++)
        {
            var gateway = i % 2 == 0 ? gatewayA : gatewayB;
            gatewayOf[online[i].UserId] = gateway;
            await client.GetGrain<IMemberGrain>(online[i].UserId).ConnectAsync(gateway.Id, 1);
        }

        // Pushes to gateways are one-way calls, which Orleans delivers best-effort: right after a cluster starts, a
        // silo may not yet have a route to a client's observer and drops the push (the real gateway fills such a
        // gap from history before its next frame). This test is about who gets a push and how it is batched, so
        // it starts once pushes flow from every shard to both gateways.
        RecordingGateway[] gateways = [gatewayA, gatewayB];
        var flowing = false;
        for (var attempt = 0; attempt < 10 && !flowing; attempt++)
        {
            var warmUp = (await group.PostAsync(owner, new MessageDraft($"warm-up-{attempt}", MessageTypes.Text, "warming up"))).Message!;
            for (var wait = 0; wait < 100 && !flowing; wait++)
            {
                await Task.Delay(50);
                flowing = gateways.Sum(g => g.Deliveries().Count(d => d.Message.Seq == warmUp.Seq)) == subscribed.Length;
            }
        }

        Assert.True(flowing, "no warm-up message reached every subscribed online member");
        var first = (await group.PostAsync(owner, new MessageDraft("m1", MessageTypes.Text, "hello, 100k"))).Message!;
        var recall = await group.RecallAsync(owner, first.Seq);
        var last = (await group.PostAsync(owner, new MessageDraft("m2", MessageTypes.Text, "after the recall"))).Message!;
        await RecordingGateway.WaitUntilAsync(
            () => gateways.Sum(g => g.Deliveries().Count(d => d.Message.Seq == last.Seq)) >= subscribed.Length,
            "the last message reached every subscribed online member");

        foreach (var seq in new[] { first.Seq, recall.Seq, last.Seq })
        {
            var deliveries = gateways.SelectMany(g => g.Deliveries().Where(d => d.Message.Seq == seq).Select(d => (Gateway: g, d.User))).ToList();
            Assert.Equal(subscribed.Select(m => m.UserId).Order(), deliveries.Select(d => d.User).Order());
            Assert.All(deliveries, d => Assert.Same(gatewayOf[d.User], d.Gateway));

            // Once per gateway per shard at most, never once per member.
            foreach (var gateway in gateways)
                Assert.InRange(gateway.Batches.Count(b => b.Messages.Any(m => m.Seq == seq)), 1, Shards);
        }

        Assert.Equal(first.Seq, gateways.SelectMany(g => g.Deliveries()).Single(d => d.Message.Seq == recall.Seq && d.User == subscribed[0].UserId).Message.RecallOf);
        var history = await group.GetHistoryAsync(owner, after: first.Seq - 1, before: null, limit: 10);
        Assert.True(history.Messages.Single(m => m.Seq == first.Seq).Recalled);
        Assert.Null(history.Messages.Single(m => m.Seq == first.Seq).Text);
    }
}
