using Grains.Chat.Posting;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Grains.Chat;

/// <summary>
/// One slice of a group's members, loaded from the member rows on activation and written back a row per
/// change. Fans each message out to its online subscribed members: one call per gateway, with the list of
/// that gateway's recipients, never one call per member.
/// </summary>
public sealed class MessageShardGrain(IMemberStore store, TimeProvider clock, ILogger<MessageShardGrain> logger) : Grain, IMessageShardGrain
{
    private static readonly TimeSpan GatewayRefreshInterval = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, MemberSlot> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _banned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenBucket?> _buckets = new(StringComparer.Ordinal);

    // Subscribed online members by gateway, and the recipient arrays built from them (rebuilt on change).
    private readonly Dictionary<string, HashSet<string>> _online = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _recipients = new(StringComparer.Ordinal);
    private Dictionary<string, GatewayRegistration> _gateways = new(StringComparer.Ordinal);
    private DateTimeOffset _gatewaysReadAt = DateTimeOffset.MinValue;
    private string[]? _sortedIds;
    private long _subscribers;
    private int _onlineCount;
    private bool _reportedLive;

    private string GroupId { get; set; } = string.Empty;
    private int Shard { get; set; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Shard = (int)this.GetPrimaryKeyLong(out var groupId);
        GroupId = groupId!;
        foreach (var row in await store.LoadShardAsync(GroupId, Shard))
        {
            if (row.Banned)
            {
                _banned.Add(row.UserId);
                continue;
            }

            _members[row.UserId] = ToSlot(row);
            if (row.Subscribed)
                _subscribers++;
        }
    }

    public async Task<JoinResult> JoinAsync(MemberProfile member, string role)
    {
        if (_banned.Contains(member.UserId))
            throw DomainException.Forbidden("banned", "You are banned from this group.");
        if (_members.TryGetValue(member.UserId, out var existing))
            return new JoinResult(View(member.UserId, existing), Joined: false);

        var slot = NewSlot(member, role);
        await store.UpsertAsync([ToRecord(member.UserId, slot)]);
        Add(member.UserId, slot);
        return new JoinResult(View(member.UserId, slot), Joined: true);
    }

    public async Task ImportAsync(MemberProfile[] members)
    {
        var added = new List<(string UserId, MemberSlot Slot)>(members.Length);
        foreach (var member in members)
        {
            if (!_banned.Contains(member.UserId) && !_members.ContainsKey(member.UserId))
                added.Add((member.UserId, NewSlot(member, MemberRoles.Member)));
        }

        await store.UpsertAsync(added.Select(a => ToRecord(a.UserId, a.Slot)).ToArray());
        foreach (var (userId, slot) in added)
            Add(userId, slot);
    }

    public Task<MemberView?> GetMemberAsync(string userId) =>
        Task.FromResult(_members.TryGetValue(userId, out var slot) ? View(userId, slot) : null);

    public async Task<bool> RemoveAsync(string userId)
    {
        if (!_members.ContainsKey(userId))
            return false;
        await store.DeleteAsync(GroupId, [userId]);
        await DropAsync(userId);
        return true;
    }

    public async Task BanAsync(string userId)
    {
        var name = _members.TryGetValue(userId, out var slot) ? slot.DisplayName ?? userId : userId;
        await store.UpsertAsync([new MemberRecord(GroupId, Shard, userId, name, MemberRoles.Member, false, true, StoredTime.Now(clock), 0)]);
        await DropAsync(userId);
        _banned.Add(userId);
    }

    public async Task<bool> UnbanAsync(string userId)
    {
        if (!_banned.Contains(userId))
            return false;
        await store.DeleteAsync(GroupId, [userId]);
        _banned.Remove(userId);
        return true;
    }

    public async Task<bool> SetSubscribedAsync(string userId, bool subscribed)
    {
        if (!_members.TryGetValue(userId, out var slot))
            return false;
        if (slot.Subscribed == subscribed)
            return true;

        slot.Subscribed = subscribed;
        await store.UpsertAsync([ToRecord(userId, slot)]);
        _subscribers += subscribed ? 1 : -1;
        if (slot.Gateways is { } gateways)
        {
            foreach (var gateway in gateways)
            {
                if (subscribed)
                    AddOnline(gateway, userId);
                else
                    RemoveOnline(gateway, userId);
            }

            await ReportLiveAsync();
        }

        return true;
    }

    public async Task<bool> SetRoleAsync(string userId, string role)
    {
        if (!_members.TryGetValue(userId, out var slot))
            return false;
        slot.Role = role;
        await store.UpsertAsync([ToRecord(userId, slot)]);
        return true;
    }

    public async Task<bool> SetLastReadAsync(string userId, long seq)
    {
        if (!_members.TryGetValue(userId, out var slot))
            return false;
        if (slot.LastReadSeq != seq)
        {
            slot.LastReadSeq = seq;
            await store.UpsertAsync([ToRecord(userId, slot)]);
        }

        return true;
    }

    public Task<PostCheck> CheckPostAsync(string userId, RateLimitSettings rateLimit, bool needsModerator, bool consumesToken)
    {
        if (!_members.TryGetValue(userId, out var slot))
            return Task.FromResult(new PostCheck(_banned.Contains(userId) ? PostVerdict.Banned : PostVerdict.NotMember, null, null, TimeSpan.Zero));

        var name = slot.DisplayName ?? userId;
        if (!slot.Subscribed)
            return Task.FromResult(new PostCheck(PostVerdict.Unsubscribed, name, slot.Role, TimeSpan.Zero));
        var moderator = MemberRoles.IsModerator(slot.Role);
        if (needsModerator && !moderator)
            return Task.FromResult(new PostCheck(PostVerdict.NeedsModerator, name, slot.Role, TimeSpan.Zero));

        if (consumesToken && rateLimit.Enabled && !moderator)
        {
            _buckets.TryGetValue(userId, out var bucket);
            var decision = RateLimiter.TryAcquire(ref bucket, rateLimit, exempt: false, clock.GetUtcNow());
            _buckets[userId] = bucket;
            if (!decision.Allowed)
                return Task.FromResult(new PostCheck(PostVerdict.TooFrequent, name, slot.Role, decision.RetryAfter));
        }

        return Task.FromResult(new PostCheck(PostVerdict.Allowed, name, slot.Role, TimeSpan.Zero));
    }

    public Task<ShardCounts> GetCountsAsync() => Task.FromResult(new ShardCounts(_members.Count, _subscribers, _onlineCount));

    public Task<MemberView[]> ListAsync(string? query, string? afterUserId, int limit)
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
            if (string.IsNullOrEmpty(query) || (slot.DisplayName ?? id).Contains(query, StringComparison.OrdinalIgnoreCase))
                page.Add(View(id, slot));
        }

        return Task.FromResult(page.ToArray());
    }

    public async Task DeliverAsync(ChatMessage[] messages)
    {
        if (_onlineCount == 0)
            return;
        // A member may be on a gateway that registered after this shard last read the directory: read it again
        // before skipping that gateway, or its members would be taken for the members of a dead one.
        await RefreshGatewaysAsync(force: _online.Keys.Any(g => !_gateways.ContainsKey(g)));

        var batch = (LiveBatch?)null;
        foreach (var (gatewayId, users) in _online)
        {
            if (users.Count == 0)
                continue;
            if (!_gateways.TryGetValue(gatewayId, out var gateway))
                continue;
            if (!_recipients.TryGetValue(gatewayId, out var recipients))
                _recipients[gatewayId] = recipients = [.. users];
            batch = new LiveBatch(messages, recipients);
            _ = gateway.Observer.DeliverAsync(batch);
        }

        await DropDeadGatewaysAsync();
    }

    public async Task SendPrivateAsync(string userId, ChatMessage message)
    {
        if (!_members.TryGetValue(userId, out var slot) || slot.Gateways is not { } gatewayIds)
            return;
        if (gatewayIds.Any(g => !_gateways.ContainsKey(g)))
            await RefreshGatewaysAsync(force: true);
        var batch = new LiveBatch([message], [userId]);
        foreach (var gatewayId in gatewayIds)
        {
            if (_gateways.TryGetValue(gatewayId, out var gateway))
                _ = gateway.Observer.DeliverAsync(batch);
        }
    }

    public async Task SetPresenceAsync(string userId, string gatewayId, bool online)
    {
        if (!_members.TryGetValue(userId, out var slot))
            return;
        var gateways = slot.Gateways ?? [];
        if (gateways.Contains(gatewayId) == online)
            return;
        slot.Gateways = online ? [.. gateways, gatewayId] : gateways.Length == 1 ? null : [.. gateways.Where(g => g != gatewayId)];
        if (slot.Subscribed)
        {
            if (online)
                AddOnline(gatewayId, userId);
            else
                RemoveOnline(gatewayId, userId);
        }

        await ReportLiveAsync();
    }

    public Task<bool> IsBannedAsync(string userId) => Task.FromResult(_banned.Contains(userId));

    public Task<bool> HasLiveRecipientsAsync() => Task.FromResult(_onlineCount > 0);

    private void AddOnline(string gatewayId, string userId)
    {
        if (!_online.TryGetValue(gatewayId, out var users))
            _online[gatewayId] = users = new HashSet<string>(StringComparer.Ordinal);
        if (users.Add(userId))
        {
            _onlineCount++;
            _recipients.Remove(gatewayId);
        }
    }

    private void RemoveOnline(string gatewayId, string userId)
    {
        if (_online.TryGetValue(gatewayId, out var users) && users.Remove(userId))
        {
            _onlineCount--;
            _recipients.Remove(gatewayId);
            if (users.Count == 0)
                _online.Remove(gatewayId);
        }
    }

    /// <summary>Tells the group when this shard starts or stops having anyone to push to.</summary>
    private async Task ReportLiveAsync()
    {
        var live = _onlineCount > 0;
        if (live == _reportedLive)
            return;
        _reportedLive = live;
        await GrainFactory.GetGrain<IGroupGrain>(GroupId).ShardLiveChangedAsync(Shard, live);
    }

    private async Task RefreshGatewaysAsync(bool force)
    {
        var now = clock.GetUtcNow();
        if (!force && now - _gatewaysReadAt < GatewayRefreshInterval)
            return;
        var active = await GrainFactory.GetGrain<IGatewayDirectoryGrain>(0).GetActiveAsync();
        _gateways = active.ToDictionary(g => g.GatewayId, StringComparer.Ordinal);
        _gatewaysReadAt = now;
    }

    /// <summary>Members on a gateway whose registration expired are offline: that gateway is gone.</summary>
    private async Task DropDeadGatewaysAsync()
    {
        var dead = _online.Keys.Where(g => !_gateways.ContainsKey(g)).ToArray();
        if (dead.Length == 0)
            return;
        foreach (var gatewayId in dead)
        {
            foreach (var userId in _online[gatewayId].ToArray())
            {
                if (_members.TryGetValue(userId, out var slot) && slot.Gateways is { } gateways)
                    slot.Gateways = gateways.Length == 1 ? null : [.. gateways.Where(g => g != gatewayId)];
                RemoveOnline(gatewayId, userId);
            }

            logger.LogInformation("Group {Group} shard {Shard}: gateway {Gateway} expired, its members are offline", GroupId, Shard, gatewayId);
        }

        await ReportLiveAsync();
    }

    private async Task DropAsync(string userId)
    {
        if (!_members.Remove(userId, out var slot))
            return;
        _sortedIds = null;
        _buckets.Remove(userId);
        if (slot.Subscribed)
            _subscribers--;
        if (slot.Gateways is { } gateways && slot.Subscribed)
        {
            foreach (var gateway in gateways)
                RemoveOnline(gateway, userId);
            await ReportLiveAsync();
        }
    }

    private void Add(string userId, MemberSlot slot)
    {
        _members[userId] = slot;
        _sortedIds = null;
        if (slot.Subscribed)
            _subscribers++;
    }

    private MemberSlot NewSlot(MemberProfile member, string role) => new()
    {
        DisplayName = member.Username == member.UserId ? null : member.Username,
        Role = role,
        Subscribed = true,
        JoinedAtTicks = StoredTime.Now(clock).UtcTicks,
    };

    private string[] SortedIds()
    {
        var ids = _members.Keys.ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }

    private static MemberSlot ToSlot(MemberRecord row) => new()
    {
        DisplayName = row.Username == row.UserId ? null : row.Username,
        Role = string.IsInterned(row.Role) ?? row.Role,
        Subscribed = row.Subscribed,
        JoinedAtTicks = row.JoinedAt.UtcTicks,
        LastReadSeq = row.LastReadSeq,
    };

    private MemberRecord ToRecord(string userId, MemberSlot slot) => new(
        GroupId, Shard, userId, slot.DisplayName ?? userId, slot.Role, slot.Subscribed, Banned: false,
        new DateTimeOffset(slot.JoinedAtTicks, TimeSpan.Zero), slot.LastReadSeq);

    private static MemberView View(string userId, MemberSlot slot) => new(
        userId, slot.DisplayName ?? userId, slot.Role, slot.Subscribed, new DateTimeOffset(slot.JoinedAtTicks, TimeSpan.Zero), slot.LastReadSeq);
}
