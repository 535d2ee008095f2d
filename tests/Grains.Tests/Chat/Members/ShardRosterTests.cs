using Grains.Chat.Members;
using Grains.Interfaces.Chat;
using Grains.Storage;

namespace Grains.Tests.Chat.Members;

public sealed class ShardRosterTests
{
    private static readonly DateTimeOffset Joined = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ShardRoster _roster = new();

    [Fact]
    public void Loading_rows_keeps_banned_users_apart_and_counts_subscribers()
    {
        _roster.Load([Row("amy", subscribed: true), Row("ben", subscribed: false), Row("cat", banned: true)]);

        Assert.Equal(2, _roster.Count);
        Assert.Equal(1, _roster.Subscribers);
        Assert.True(_roster.IsBanned("cat"));
        Assert.False(_roster.Contains("cat"));
    }

    [Fact]
    public void The_subscriber_count_follows_joins_changes_and_removals()
    {
        var slot = Join("amy");
        Join("ben");
        Assert.Equal(2, _roster.Subscribers);

        _roster.SetSubscribed(slot, false);
        _roster.SetSubscribed(slot, false);
        Assert.Equal(1, _roster.Subscribers);

        _roster.Remove("ben");
        Assert.Equal(0, _roster.Subscribers);
        Assert.Null(_roster.Remove("ben"));
    }

    [Fact]
    public void Members_list_in_user_id_order_after_a_position_and_by_name()
    {
        foreach (var id in new[] { "m3", "m1", "m4", "m2" })
            Join(id, name: id == "m4" ? "Zoë" : null);

        Assert.Equal(["m1", "m2"], _roster.List(null, null, 2).Select(m => m.UserId));
        Assert.Equal(["m3", "m4"], _roster.List(null, "m2", 10).Select(m => m.UserId));
        Assert.Equal(["m3", "m4"], _roster.List(null, "m20", 10).Select(m => m.UserId));
        Assert.Equal(["m4"], _roster.List("zo", null, 10).Select(m => m.UserId));

        Join("m0");
        Assert.Equal("m0", _roster.List(null, null, 1).Single().UserId);
    }

    [Fact]
    public void A_name_equal_to_the_user_id_is_not_stored_twice_but_shows_the_same()
    {
        var same = Join("amy", name: "amy");

        Assert.Null(same.DisplayName);
        Assert.Equal("amy", same.ToView("amy").Username);
        Assert.Equal("amy", same.ToRecord("g", 0, "amy").Username);
    }

    private MemberSlot Join(string userId, string? name = null)
    {
        var slot = MemberSlot.Joining(new MemberProfile(userId, name ?? userId), MemberRoles.Member, Joined);
        _roster.Add(userId, slot);
        return slot;
    }

    private static MemberRecord Row(string userId, bool subscribed = true, bool banned = false) =>
        new("g", 0, userId, userId, MemberRoles.Member, subscribed, banned, Joined, 0);
}
