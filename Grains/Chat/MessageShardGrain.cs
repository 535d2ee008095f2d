using Grains.Chat.Delivery;
using Grains.Chat.Members;
using Grains.Chat.Posting;
using Grains.Interfaces.Chat;
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

    private readonly ShardRoster _roster = new();
    private readonly LiveRecipients _live = new();
    private readonly RateLimitBuckets _buckets = new();
    private Dictionary<string, GatewayRegistration> _gateways = new(StringComparer.Ordinal);
    private DateTimeOffset _gatewaysReadAt = DateTimeOffset.MinValue;
    private bool _reportedLive;

    private string _source = string.Empty;

    private string GroupId { get; set; } = string.Empty;
    private int Shard { get; set; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Shard = (int)this.GetPrimaryKeyLong(out var groupId);
        GroupId = groupId!;
        _source = $"{GroupId}#{Shard}";
        _roster.Load(await store.LoadShardAsync(GroupId, Shard));
    }

    public async Task<JoinResult> JoinAsync(MemberProfile member, string role)
    {
        if (_roster.IsBanned(member.UserId))
            throw MemberRefusals.Banned();
        if (_roster.TryGet(member.UserId, out var existing))
            return new JoinResult(existing.ToView(member.UserId), Joined: false);

        var slot = MemberSlot.Joining(member, role, StoredTime.Now(clock));
        await store.UpsertAsync([slot.ToRecord(GroupId, Shard, member.UserId)]);
        _roster.Add(member.UserId, slot);
        return new JoinResult(slot.ToView(member.UserId), Joined: true);
    }

    public async Task ImportAsync(MemberProfile[] members)
    {
        var now = StoredTime.Now(clock);
        var added = members
            .Where(m => !_roster.IsBanned(m.UserId) && !_roster.Contains(m.UserId))
            .Select(m => (m.UserId, Slot: MemberSlot.Joining(m, MemberRoles.Member, now)))
            .ToList();
        await store.UpsertAsync(added.Select(a => a.Slot.ToRecord(GroupId, Shard, a.UserId)).ToArray());
        foreach (var (userId, slot) in added)
            _roster.Add(userId, slot);
    }

    public Task<MemberView?> GetMemberAsync(string userId) =>
        Task.FromResult(_roster.TryGet(userId, out var slot) ? slot.ToView(userId) : null);

    public async Task<bool> RemoveAsync(string userId)
    {
        if (!_roster.Contains(userId))
            return false;
        await store.DeleteAsync(GroupId, [userId]);
        await DropAsync(userId);
        return true;
    }

    public async Task BanAsync(string userId)
    {
        var name = _roster.TryGet(userId, out var slot) ? slot.NameOf(userId) : userId;
        await store.UpsertAsync([new MemberRecord(GroupId, Shard, userId, name, MemberRoles.Member, false, true, StoredTime.Now(clock), 0)]);
        await DropAsync(userId);
        _roster.Ban(userId);
    }

    public async Task<bool> UnbanAsync(string userId)
    {
        if (!_roster.IsBanned(userId))
            return false;
        await store.DeleteAsync(GroupId, [userId]);
        _roster.Unban(userId);
        return true;
    }

    public async Task<bool> SetSubscribedAsync(string userId, bool subscribed)
    {
        if (!_roster.TryGet(userId, out var slot))
            return false;
        if (slot.Subscribed == subscribed)
            return true;

        _roster.SetSubscribed(slot, subscribed);
        await store.UpsertAsync([slot.ToRecord(GroupId, Shard, userId)]);
        if (slot.Gateways is not null)
        {
            _live.SubscriptionChanged(userId, slot);
            await ReportLiveAsync();
        }

        return true;
    }

    public async Task<bool> SetRoleAsync(string userId, string role)
    {
        if (!_roster.TryGet(userId, out var slot))
            return false;
        slot.Role = role;
        await store.UpsertAsync([slot.ToRecord(GroupId, Shard, userId)]);
        return true;
    }

    public async Task<bool> SetLastReadAsync(string userId, long seq)
    {
        if (!_roster.TryGet(userId, out var slot))
            return false;
        if (slot.LastReadSeq != seq)
        {
            slot.LastReadSeq = seq;
            await store.UpsertAsync([slot.ToRecord(GroupId, Shard, userId)]);
        }

        return true;
    }

    public Task<PostStanding> GetPostStandingAsync(string userId, RateLimitSettings rateLimit, bool moderatorOnly)
    {
        if (!_roster.TryGet(userId, out var slot))
            return Task.FromResult(new PostStanding(null, _roster.IsBanned(userId), null));

        var member = slot.ToView(userId);
        TimeSpan? limitedFor = null;
        if (PostAdmission.ChargesRateLimit(member, moderatorOnly) && _buckets.Take(userId, rateLimit, clock.GetUtcNow()) is { Allowed: false } refused)
            limitedFor = refused.RetryAfter;
        return Task.FromResult(new PostStanding(member, Banned: false, limitedFor));
    }

    public Task<ShardCounts> GetCountsAsync() => Task.FromResult(new ShardCounts(_roster.Count, _roster.Subscribers, _live.Count));

    public Task<MemberView[]> ListAsync(string? query, string? afterUserId, int limit) => Task.FromResult(_roster.List(query, afterUserId, limit));

    public async Task DeliverAsync(ChatMessage[] messages)
    {
        if (_live.Count == 0)
            return;
        // A member may be on a gateway that registered after this shard last read the directory: read it again
        // before skipping that gateway, or its members would be taken for the members of a dead one.
        await RefreshGatewaysAsync(force: _live.Gateways.Any(g => !_gateways.ContainsKey(g)));

        foreach (var (gatewayId, recipients, stamp) in _live.Batches())
        {
            if (_gateways.TryGetValue(gatewayId, out var gateway))
                _ = gateway.Observer.DeliverAsync(new LiveBatch(messages, recipients, _source, stamp));
        }

        await DropDeadGatewaysAsync();
    }

    public async Task SendPrivateAsync(string userId, ChatMessage message)
    {
        if (!_roster.TryGet(userId, out var slot) || slot.Gateways is not { } gatewayIds)
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
        if (_roster.TryGet(userId, out var slot) && _live.SetPresence(userId, slot, gatewayId, online))
            await ReportLiveAsync();
    }

    public Task<bool> IsBannedAsync(string userId) => Task.FromResult(_roster.IsBanned(userId));

    public Task<bool> HasLiveRecipientsAsync() => Task.FromResult(_live.Count > 0);

    /// <summary>Tells the group when this shard starts or stops having anyone to push to.</summary>
    private async Task ReportLiveAsync()
    {
        var live = _live.Count > 0;
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
        var dead = _live.Gateways.Where(g => !_gateways.ContainsKey(g)).ToArray();
        if (dead.Length == 0)
            return;
        foreach (var gatewayId in dead)
        {
            _live.DropGateway(gatewayId, userId => _roster.TryGet(userId, out var slot) ? slot : null);
            logger.LogInformation("Group {Group} shard {Shard}: gateway {Gateway} expired, its members are offline", GroupId, Shard, gatewayId);
        }

        await ReportLiveAsync();
    }

    private async Task DropAsync(string userId)
    {
        if (_roster.Remove(userId) is not { } slot)
            return;
        _buckets.Forget(userId);
        if (slot.Gateways is not null && slot.Subscribed)
        {
            _live.Drop(userId, slot);
            await ReportLiveAsync();
        }
    }
}
