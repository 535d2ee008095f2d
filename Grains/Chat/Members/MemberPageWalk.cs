using Grains.Interfaces.Chat;

namespace Grains.Chat.Members;

/// <summary>
/// One page of a group's members across its shards, in (shard, user id) order: it starts after the cursor, asks
/// the shards in turn for what the page still lacks (one more than the page, to know whether another follows)
/// and ends with the cursor of the last member shown.
/// </summary>
public sealed class MemberPageWalk
{
    private readonly int _limit;
    private readonly int _shardCount;
    private readonly List<(int Shard, MemberView Member)> _items;

    public MemberPageWalk(string? cursor, int limit, int shardCount)
    {
        _limit = limit;
        _shardCount = shardCount;
        _items = new List<(int, MemberView)>(limit + 1);
        (Shard, AfterUserId) = cursor is null ? (0, null) : PageCursor.ParseMembers(cursor);
    }

    /// <summary>The shard to ask next.</summary>
    public int Shard { get; private set; }

    /// <summary>Where in that shard to go on from (null: its beginning).</summary>
    public string? AfterUserId { get; private set; }

    /// <summary>How many members to ask that shard for.</summary>
    public int Wanted => _limit + 1 - _items.Count;

    public bool NeedsMore => Shard < _shardCount && _items.Count <= _limit;

    /// <summary>Takes the shard's answer and moves on to the next shard, from its beginning.</summary>
    public void Add(IEnumerable<MemberView> members)
    {
        var shard = Shard;
        _items.AddRange(members.Select(m => (shard, m)));
        Shard++;
        AfterUserId = null;
    }

    public MemberPage ToPage()
    {
        if (_items.Count <= _limit)
            return new MemberPage([.. _items.Select(i => i.Member)], null);
        var shown = _items.Take(_limit).ToArray();
        var last = shown[^1];
        return new MemberPage([.. shown.Select(i => i.Member)], PageCursor.ForMembers(last.Shard, last.Member.UserId));
    }
}
