using System.Diagnostics.CodeAnalysis;
using Grains.Interfaces.Chat;
using Grains.Storage;

namespace Grains.Chat.Members;

/// <summary>
/// One shard's members and banned users, in memory: who is in, the subscriber count, and the members in user-id
/// order for paging (sorted again only after the membership changed).
/// </summary>
internal sealed class ShardRoster
{
    private readonly Dictionary<string, MemberSlot> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _banned = new(StringComparer.Ordinal);
    private string[]? _sortedIds;

    public int Count => _members.Count;

    public long Subscribers { get; private set; }

    public void Load(IEnumerable<MemberRecord> rows)
    {
        foreach (var row in rows)
        {
            if (row.Banned)
                _banned.Add(row.UserId);
            else
                Add(row.UserId, MemberSlot.From(row));
        }
    }

    public bool TryGet(string userId, [MaybeNullWhen(false)] out MemberSlot slot) => _members.TryGetValue(userId, out slot);

    public bool Contains(string userId) => _members.ContainsKey(userId);

    public bool IsBanned(string userId) => _banned.Contains(userId);

    public void Add(string userId, MemberSlot slot)
    {
        _members[userId] = slot;
        _sortedIds = null;
        if (slot.Subscribed)
            Subscribers++;
    }

    public MemberSlot? Remove(string userId)
    {
        if (!_members.Remove(userId, out var slot))
            return null;
        _sortedIds = null;
        if (slot.Subscribed)
            Subscribers--;
        return slot;
    }

    public void Ban(string userId) => _banned.Add(userId);

    public bool Unban(string userId) => _banned.Remove(userId);

    public void SetSubscribed(MemberSlot slot, bool subscribed)
    {
        if (slot.Subscribed == subscribed)
            return;
        slot.Subscribed = subscribed;
        Subscribers += subscribed ? 1 : -1;
    }

    /// <summary>Members after <paramref name="afterUserId"/> in user-id order, those whose name contains <paramref name="query"/> if given.</summary>
    public MemberView[] List(string? query, string? afterUserId, int limit)
    {
        _sortedIds ??= SortedIds();
        var start = 0;
        if (afterUserId is not null)
        {
            start = Array.BinarySearch(_sortedIds, afterUserId, StringComparer.Ordinal);
            start = start >= 0 ? start + 1 : ~start;
        }

        var page = new List<MemberView>(Math.Min(limit, 256));
        for (var i = start; i < _sortedIds.Length && page.Count < limit; i++)
        {
            var id = _sortedIds[i];
            var slot = _members[id];
            if (string.IsNullOrEmpty(query) || slot.NameOf(id).Contains(query, StringComparison.OrdinalIgnoreCase))
                page.Add(slot.ToView(id));
        }

        return [.. page];
    }

    private string[] SortedIds()
    {
        var ids = _members.Keys.ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }
}
