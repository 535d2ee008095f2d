using Grains.Chat;
using Grains.Chat.Members;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Tests.Chat.Members;

public sealed class MemberPageWalkTests
{
    // Three shards: a, b, c in shard 0; none in shard 1; d, e in shard 2.
    private static readonly string[][] Shards = [["a", "b", "c"], [], ["d", "e"]];

    [Fact]
    public void Pages_walk_the_shards_in_order_and_the_last_page_has_no_cursor()
    {
        var (first, asks) = Walk(null, 2);
        Assert.Equal(["a", "b"], first.Items.Select(m => m.UserId));
        Assert.Equal(1, asks);

        var (second, _) = Walk(first.NextCursor, 2);
        Assert.Equal(["c", "d"], second.Items.Select(m => m.UserId));

        var (last, _) = Walk(second.NextCursor, 2);
        Assert.Equal(["e"], last.Items.Select(m => m.UserId));
        Assert.Null(last.NextCursor);
    }

    [Fact]
    public void Each_shard_is_asked_for_one_more_than_the_page_still_lacks()
    {
        var walk = new MemberPageWalk(null, limit: 4, shardCount: 3);
        Assert.Equal(5, walk.Wanted);
        walk.Add(View("a", "b", "c"));
        Assert.Equal((1, null, 2), (walk.Shard, walk.AfterUserId, walk.Wanted));
    }

    [Fact]
    public void A_cursor_resumes_after_its_member_in_its_shard()
    {
        var walk = new MemberPageWalk(PageCursor.ForMembers(2, "d"), limit: 10, shardCount: 3);

        Assert.Equal((2, "d"), (walk.Shard, walk.AfterUserId));
    }

    [Fact]
    public void A_cursor_this_server_did_not_hand_out_is_refused()
    {
        Assert.Equal("cursor_invalid", Assert.Throws<DomainException>(() => new MemberPageWalk("garbage!", 10, 3)).Code);
    }

    private static (MemberPage Page, int Asks) Walk(string? cursor, int limit)
    {
        var walk = new MemberPageWalk(cursor, limit, Shards.Length);
        var asks = 0;
        while (walk.NeedsMore)
        {
            asks++;
            var after = walk.AfterUserId;
            walk.Add(View([.. Shards[walk.Shard].Where(id => after is null || string.CompareOrdinal(id, after) > 0).Take(walk.Wanted)]));
        }

        return (walk.ToPage(), asks);
    }

    private static MemberView[] View(params string[] ids) =>
        [.. ids.Select(id => new MemberView(id, id, MemberRoles.Member, true, DateTimeOffset.UnixEpoch, 0))];
}
