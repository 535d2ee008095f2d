using Grains.Chat.Delivery;
using Grains.Chat.Members;
using Grains.Interfaces.Chat;

namespace Grains.Tests.Chat.Delivery;

public sealed class LiveRecipientsTests
{
    private readonly LiveRecipients _live = new();
    private readonly MemberSlot _ann = Slot("ann");
    private readonly MemberSlot _bob = Slot("bob");

    [Fact]
    public void A_member_with_tabs_on_two_gateways_is_a_recipient_on_each()
    {
        Assert.True(_live.SetPresence("ann", _ann, "gw-1", online: true));
        Assert.True(_live.SetPresence("ann", _ann, "gw-2", online: true));
        Assert.False(_live.SetPresence("ann", _ann, "gw-2", online: true));
        _live.SetPresence("bob", _bob, "gw-1", online: true);

        Assert.Equal(3, _live.Count);
        Assert.Equal(["gw-1", "gw-2"], _ann.Gateways!);
        Assert.Equal(new Dictionary<string, string[]> { ["gw-1"] = ["ann", "bob"], ["gw-2"] = ["ann"] }, Batches());
    }

    [Fact]
    public void Closing_the_last_connection_on_a_gateway_takes_the_member_off_its_list()
    {
        _live.SetPresence("ann", _ann, "gw-1", online: true);
        _live.SetPresence("ann", _ann, "gw-2", online: true);

        _live.SetPresence("ann", _ann, "gw-1", online: false);
        Assert.Equal(["gw-2"], _ann.Gateways!);
        Assert.Equal(["gw-2"], _live.Gateways);

        _live.SetPresence("ann", _ann, "gw-2", online: false);
        Assert.Null(_ann.Gateways);
        Assert.Equal(0, _live.Count);
    }

    [Fact]
    public void An_unsubscribed_member_stays_connected_but_receives_nothing_until_they_subscribe_again()
    {
        _ann.Subscribed = false;
        _live.SetPresence("ann", _ann, "gw-1", online: true);
        Assert.Equal(["gw-1"], _ann.Gateways!);
        Assert.Equal(0, _live.Count);

        _ann.Subscribed = true;
        _live.SubscriptionChanged("ann", _ann);

        Assert.Equal(["ann"], Batches()["gw-1"]);
    }

    [Fact]
    public void A_dead_gateway_takes_its_members_offline_there_only()
    {
        _live.SetPresence("ann", _ann, "gw-1", online: true);
        _live.SetPresence("ann", _ann, "gw-2", online: true);
        _live.SetPresence("bob", _bob, "gw-1", online: true);

        _live.DropGateway("gw-1", id => id == "ann" ? _ann : _bob);

        Assert.Equal(["gw-2"], _ann.Gateways!);
        Assert.Null(_bob.Gateways);
        Assert.Equal(new Dictionary<string, string[]> { ["gw-2"] = ["ann"] }, Batches());
    }

    [Fact]
    public void A_member_who_leaves_is_dropped_from_every_list()
    {
        _live.SetPresence("ann", _ann, "gw-1", online: true);
        _live.SetPresence("ann", _ann, "gw-2", online: true);

        _live.Drop("ann", _ann);

        Assert.Equal(0, _live.Count);
        Assert.Empty(_live.Gateways);
    }

    [Fact]
    public void A_gateways_recipient_array_is_reused_until_its_members_change()
    {
        _live.SetPresence("ann", _ann, "gw-1", online: true);
        var first = _live.Batches().Single();

        Assert.Same(first.Recipients, _live.Batches().Single().Recipients);
        Assert.Equal(first.Stamp, _live.Batches().Single().Stamp);
        _live.SetPresence("bob", _bob, "gw-1", online: true);
        Assert.NotSame(first.Recipients, _live.Batches().Single().Recipients);
        Assert.NotEqual(first.Stamp, _live.Batches().Single().Stamp);
        Assert.NotEqual(0, _live.Batches().Single().Stamp);
    }

    private Dictionary<string, string[]> Batches() =>
        _live.Batches().ToDictionary(b => b.GatewayId, b => b.Recipients.Order(StringComparer.Ordinal).ToArray());

    private static MemberSlot Slot(string userId) => MemberSlot.Joining(new MemberProfile(userId, userId), MemberRoles.Member, DateTimeOffset.UnixEpoch);
}
