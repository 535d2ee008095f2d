using System.Globalization;
using Grains.Chat.Moderation;
using Grains.Chat.Posting;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Grains.Chat;

/// <summary>
/// A group: settings, operators and the message sequence. Reentrant so that many posts are in flight at once
/// and the store can batch them; a sequence number is assigned and the append queued in one synchronous step,
/// so appends (and therefore commits and fan-out) follow sequence order. State writes are serialised by a gate.
/// </summary>
[Reentrant]
public sealed class GroupGrain(
    [PersistentState("group", StorageNames.State)] IPersistentState<GroupState> state,
    IMessageStore messages,
    IGroupDirectory directory,
    IJoinPolicy joinPolicy,
    TimeProvider clock,
    ILogger<GroupGrain> logger) : Grain, IGroupGrain
{
    public const int MaxHistoryPage = 200;
    public const int MaxMemberPage = 200;

    // Idempotency: (sender, client_id) -> the first post's result, for the most recent posts.
    private const int RememberedClientIds = 5_000;
    private readonly Dictionary<(string Sender, string ClientId), Task<ChatMessage>> _recent = [];
    private readonly Queue<(string Sender, string ClientId)> _recentOrder = new();

    // Committed messages wait here until every earlier sequence number is committed too, then go out in order.
    private readonly SortedDictionary<long, ChatMessage?> _committed = [];
    private readonly List<ChatMessage> _outbox = [];
    private readonly HashSet<int> _liveShards = [];
    private readonly HashSet<long> _recalling = [];
    private readonly SemaphoreSlim _stateGate = new(1, 1);
    private Task? _liveShardsDiscovered;
    private bool _flushScheduled;
    private long _lastSeq;
    private long _nextPublish = 1;

    private string Id => this.GetPrimaryKeyString();
    private GroupSettings Settings => state.State.Settings;

    /// <summary>The highest sequence number whose message, and all before it, is stored.</summary>
    private long LastCommitted => _nextPublish - 1;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Created)
            return;

        // The sequence lives in the message table, not in grain state, so posting never rewrites grain state.
        _lastSeq = await messages.GetLastSeqAsync(Id);
        _nextPublish = _lastSeq + 1;
        foreach (var recent in await messages.ReadBeforeAsync(Id, long.MaxValue, 1000))
        {
            if (recent is { Kind: ChatEventKinds.Message, SenderId: { } sender, ClientId: { } clientId })
                Remember((sender, clientId), Task.FromResult(recent));
        }
    }

    public async Task<GroupView> CreateAsync(CreateGroupCommand command)
    {
        var name = GroupSettingsEditor.CheckName(command.Name);
        var description = GroupSettingsEditor.CheckText("description", command.Description);
        var shards = command.ShardCount ?? ShardPicker.DefaultShardCount;
        if (shards is < 1 or > ShardPicker.MaxShardCount)
            throw DomainException.Invalid("shard_count_invalid", $"shard_count must be between 1 and {ShardPicker.MaxShardCount}.");

        await _stateGate.WaitAsync();
        try
        {
            if (state.State.Created)
                throw DomainException.Conflict("group_exists", "A group with this id exists.");
            state.State = new GroupState
            {
                Created = true,
                OwnerId = command.OwnerId,
                Settings = GroupSettings.Create(name, description),
                ShardCount = shards,
                CreatedAt = StoredTime.Now(clock),
            };
            await state.WriteStateAsync();
        }
        finally
        {
            _stateGate.Release();
        }

        await directory.UpsertAsync(Listing());
        var owner = new MemberProfile(command.OwnerId, command.OwnerName);
        await ShardOf(owner.UserId).JoinAsync(owner, MemberRoles.Owner);
        await Member(owner.UserId).AddGroupAsync(new GroupMembership(Id, ShardIndex(owner.UserId)));
        return await GetAsync();
    }

    public async Task<GroupView> GetAsync()
    {
        EnsureCreated();
        var counts = await Task.WhenAll(AllShards().Select(s => s.GetCountsAsync()));
        var s = state.State;
        return new GroupView(Id, s.OwnerId, [.. s.Operators.Order(StringComparer.Ordinal)], s.ShardCount, s.CreatedAt, LastCommitted,
            counts.Sum(c => c.Members), counts.Sum(c => c.Subscribers), s.Settings);
    }

    public async Task<GroupView> UpdateSettingsAsync(string userId, GroupSettingsPatch patch)
    {
        RequireModerator(userId);
        GroupSettings before = Settings, after = Settings;

        // Read, change and write under the state gate, so concurrent changes do not overwrite each other.
        await WriteStateAsync(s =>
        {
            before = s.Settings;
            after = GroupSettingsEditor.Apply(before, patch);
            s.Settings = after;
        });
        if (after.Name != before.Name || after.Description != before.Description)
            await directory.UpsertAsync(Listing());
        if (after.MuteAll != before.MuteAll)
        {
            var template = after.MuteAll ? after.Templates.MuteNotice : after.Templates.UnmuteNotice;
            await PostSystemAsync(Format(template, await NameOfAsync(userId)));
        }

        return await GetAsync();
    }

    public async Task SetOperatorAsync(string ownerId, string userId, bool isOperator)
    {
        EnsureCreated();
        if (ownerId != state.State.OwnerId)
            throw DomainException.Forbidden("owner_only", "Only the owner adds and removes operators.");
        if (userId == state.State.OwnerId)
            throw DomainException.Invalid("owner_role_fixed", "The owner is always a moderator.");
        if (!await ShardOf(userId).SetRoleAsync(userId, isOperator ? MemberRoles.Operator : MemberRoles.Member))
            throw DomainException.NotFound("not_member", $"{userId} is not a member of this group.");
        await WriteStateAsync(s =>
        {
            if (isOperator)
                s.Operators.Add(userId);
            else
                s.Operators.Remove(userId);
        });
    }

    public async Task<MemberView> JoinAsync(MemberProfile member)
    {
        EnsureCreated();
        await joinPolicy.CheckAsync(Id, Settings, member);
        var result = await ShardOf(member.UserId).JoinAsync(member, RoleOf(member.UserId));
        await Member(member.UserId).AddGroupAsync(new GroupMembership(Id, ShardIndex(member.UserId)));
        if (result.Joined)
        {
            await PostSystemAsync(Format(Settings.Templates.JoinNotice, member.Username));
            if (!string.IsNullOrWhiteSpace(Settings.WelcomeText))
                await SendPrivateAsync(member.UserId, Format(Settings.WelcomeText, member.Username));
        }

        return result.Member;
    }

    public async Task LeaveAsync(string userId)
    {
        EnsureCreated();
        if (userId == state.State.OwnerId)
            throw DomainException.Conflict("owner_cannot_leave", "The owner cannot leave the group.");
        if (!await ShardOf(userId).RemoveAsync(userId))
            throw DomainException.NotFound("not_member", "You are not a member of this group.");
        await ForgetMemberAsync(userId);
    }

    public async Task SetSubscriptionAsync(string userId, bool subscribed)
    {
        EnsureCreated();
        if (!await ShardOf(userId).SetSubscribedAsync(userId, subscribed))
            throw DomainException.Forbidden("not_member", "Join the group first.");

        // Tells the user's live connection where the group's stream resumes, so messages sent while the
        // member was unsubscribed are not filled in as a gap.
        await SendPrivateAsync(userId, new ChatMessage(Id, LastCommitted, ChatEventKinds.Subscription, null, null, MessageTypes.Text,
            subscribed ? "subscribed" : "unsubscribed", null, null, null, null, StoredTime.Now(clock)));
    }

    public async Task KickAsync(string moderatorId, string userId)
    {
        RequireModeratorOver(moderatorId, userId);
        if (!await ShardOf(userId).RemoveAsync(userId))
            throw DomainException.NotFound("not_member", $"{userId} is not a member of this group.");
        await ForgetMemberAsync(userId);
    }

    public async Task BanAsync(string moderatorId, string userId)
    {
        RequireModeratorOver(moderatorId, userId);
        await ShardOf(userId).BanAsync(userId);
        await ForgetMemberAsync(userId);
    }

    public async Task UnbanAsync(string moderatorId, string userId)
    {
        RequireModerator(moderatorId);
        if (!await ShardOf(userId).UnbanAsync(userId))
            throw DomainException.NotFound("not_banned", $"{userId} is not banned.");
    }

    public async Task<PostOutcome> PostAsync(string userId, MessageDraft draft)
    {
        EnsureCreated();
        var command = draft.Type == MessageTypes.Text ? ChatCommandParser.Parse(draft.Text) : null;
        if (command is { } c)
            return new PostOutcome(null, await AnswerCommandAsync(userId, c));

        var reason = ContentPolicy.Evaluate(Settings, draft);
        var key = (userId, draft.ClientId!);
        if (_recent.TryGetValue(key, out var first))
            return new PostOutcome(await first, null);

        var done = new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        Remember(key, done.Task);
        try
        {
            var check = await ShardOf(userId).CheckPostAsync(userId, Settings.RateLimit, reason != ModeratorReason.None, consumesToken: true);
            await ThrowIfRefusedAsync(userId, check, reason);
            var message = new ChatMessage(Id, ++_lastSeq, ChatEventKinds.Message, userId, check.Username, draft.Type!,
                draft.Text, draft.Url, draft.Contact, draft.ClientId, null, StoredTime.Now(clock));
            var stored = await StoreAndPublishAsync(message);
            done.SetResult(stored);
            return new PostOutcome(stored, null);
        }
        catch (Exception ex)
        {
            _recent.Remove(key);
            done.TrySetException(ex);
            _ = done.Task.Exception; // observed: the caller gets the exception itself
            throw;
        }
    }

    public async Task<ChatMessage> RecallAsync(string userId, long seq)
    {
        EnsureCreated();
        var target = await messages.GetAsync(Id, seq) ?? throw DomainException.NotFound("message_not_found", $"There is no message {seq}.");
        if (target.Kind != ChatEventKinds.Message)
            throw DomainException.Unprocessable("not_recallable", "Only members' messages can be recalled.");
        if (target.SenderId != userId && !IsModerator(userId))
            throw DomainException.Forbidden("not_author", "Only the author or a moderator can recall a message.");
        if (!IsModerator(userId))
            await RequireMemberAsync(userId);
        if (target.Recalled || !_recalling.Add(seq))
            throw DomainException.Conflict("already_recalled", $"Message {seq} is already recalled.");

        try
        {
            var recall = new ChatMessage(Id, ++_lastSeq, ChatEventKinds.Recall, userId, null, MessageTypes.Text,
                null, null, null, null, seq, StoredTime.Now(clock));
            await StoreAndPublishAsync(recall);
            return recall;
        }
        finally
        {
            _recalling.Remove(seq);
        }
    }

    public async Task<HistoryPage> GetHistoryAsync(string userId, long? after, long? before, int limit)
    {
        EnsureCreated();
        if (limit is < 1 or > MaxHistoryPage)
            throw DomainException.Invalid("limit_invalid", $"limit must be between 1 and {MaxHistoryPage}.");
        if (after is not null && before is not null)
            throw DomainException.Invalid("after_and_before", "Give after or before, not both.");
        await RequireSubscribedMemberAsync(userId);

        var page = before is { } b
            ? await messages.ReadBeforeAsync(Id, b, limit)
            : await messages.ReadAfterAsync(Id, after ?? 0, limit);
        return new HistoryPage([.. page], LastCommitted);
    }

    public Task<long> GetLastSeqAsync()
    {
        EnsureCreated();
        return Task.FromResult(LastCommitted);
    }

    public async Task<ChatMessage[]> ReadAfterAsync(string userId, long after, int limit)
    {
        EnsureCreated();
        await RequireSubscribedMemberAsync(userId);
        return [.. await messages.ReadAfterAsync(Id, after, Math.Clamp(limit, 1, MaxHistoryPage))];
    }

    public async Task<ReadState> SetLastReadAsync(string userId, long seq)
    {
        EnsureCreated();
        if (seq < 0)
            throw DomainException.Invalid("seq_invalid", "seq must not be negative.");
        var last = LastCommitted;
        var read = Math.Min(seq, last);
        if (!await ShardOf(userId).SetLastReadAsync(userId, read))
            throw DomainException.Forbidden("not_member", "Join the group first.");
        return new ReadState(read, last, last - read);
    }

    public async Task<ReadState> GetReadStateAsync(string userId)
    {
        EnsureCreated();
        var member = await RequireMemberAsync(userId);
        var last = LastCommitted;
        var read = Math.Min(member.LastReadSeq, last);
        return new ReadState(read, last, last - read);
    }

    public async Task<MemberPage> ListMembersAsync(string userId, string? query, string? cursor, int limit)
    {
        EnsureCreated();
        if (limit is < 1 or > MaxMemberPage)
            throw DomainException.Invalid("limit_invalid", $"limit must be between 1 and {MaxMemberPage}.");
        await RequireMemberAsync(userId);

        var (shard, afterUser) = cursor is null ? (0, (string?)null) : PageCursor.ParseMembers(cursor);
        var items = new List<(int Shard, MemberView Member)>(limit + 1);
        for (; shard < state.State.ShardCount && items.Count <= limit; shard++, afterUser = null)
        {
            var page = await Shard(shard).ListAsync(query, afterUser, limit + 1 - items.Count);
            items.AddRange(page.Select(m => (shard, m)));
        }

        if (items.Count <= limit)
            return new MemberPage([.. items.Select(i => i.Member)], null);
        var shown = items.Take(limit).ToArray();
        var last = shown[^1];
        return new MemberPage([.. shown.Select(i => i.Member)], PageCursor.ForMembers(last.Shard, last.Member.UserId));
    }

    public async Task ImportMembersAsync(MemberProfile[] members, bool indexMembers)
    {
        EnsureCreated();
        var byShard = members.Where(m => m.UserId != state.State.OwnerId).GroupBy(m => ShardIndex(m.UserId));
        await Task.WhenAll(byShard.Select(g => Shard(g.Key).ImportAsync([.. g])));
        if (!indexMembers)
            return;
        foreach (var chunk in members.Chunk(500))
            await Task.WhenAll(chunk.Select(m => Member(m.UserId).AddGroupAsync(new GroupMembership(Id, ShardIndex(m.UserId)))));
    }

    public Task ShardLiveChangedAsync(int shard, bool live)
    {
        if (live)
            _liveShards.Add(shard);
        else
            _liveShards.Remove(shard);
        return Task.CompletedTask;
    }

    private async Task<CommandReply> AnswerCommandAsync(string userId, ChatCommand command)
    {
        // Commands cost a rate-limit token like any post: answering them costs the group work too.
        var check = await ShardOf(userId).CheckPostAsync(userId, Settings.RateLimit, needsModerator: false, consumesToken: true);
        await ThrowIfRefusedAsync(userId, check, ModeratorReason.None);
        string text;
        if (command == ChatCommand.Info)
        {
            var counts = await Task.WhenAll(AllShards().Select(s => s.GetCountsAsync()));
            text = Format(Settings.Templates.InfoAnswer, check.Username, count: counts.Sum(c => c.Subscribers));
        }
        else
        {
            text = Format(Settings.Templates.HelpAnswer, check.Username);
        }

        var reply = new CommandReply(ChatCommandParser.Name(command), text);
        await SendPrivateAsync(userId, text);
        return reply;
    }

    private async Task ThrowIfRefusedAsync(string userId, PostCheck check, ModeratorReason reason)
    {
        switch (check.Verdict)
        {
            case PostVerdict.Allowed:
                return;
            case PostVerdict.NotMember:
                throw DomainException.Forbidden("not_member", "Join the group first.");
            case PostVerdict.Banned:
                throw Banned();
            case PostVerdict.Unsubscribed:
                var tip = Format(Settings.Templates.UnsubscribedTip, check.Username);
                await SendPrivateAsync(userId, tip);
                throw DomainException.Forbidden("unsubscribed", tip);
            case PostVerdict.NeedsModerator when reason == ModeratorReason.MuteAll:
                throw DomainException.Forbidden("muted", Format(Settings.Templates.MuteNotice, check.Username));
            case PostVerdict.NeedsModerator:
                throw DomainException.Unprocessable("link_refused", "This group does not accept links from members.");
            case PostVerdict.TooFrequent:
                var seconds = Math.Max(1, (int)Math.Ceiling(check.RetryAfter.TotalSeconds));
                var text = Format(Settings.Templates.TooFrequent, check.Username, retryAfterSeconds: seconds);
                await SendPrivateAsync(userId, text);
                throw DomainException.TooMany("too_frequent", text, check.RetryAfter);
            default:
                throw new InvalidOperationException($"unknown verdict {check.Verdict}");
        }
    }

    private Task<ChatMessage> PostSystemAsync(string text) =>
        StoreAndPublishAsync(new ChatMessage(Id, ++_lastSeq, ChatEventKinds.System, null, null, MessageTypes.Text,
            text, null, null, null, null, StoredTime.Now(clock)));

    /// <summary>
    /// Stores the message (the caller has just taken its sequence number) and publishes it in order. Returns what
    /// is stored: the message, or the first one with the same sender and client id, which the store found.
    /// </summary>
    private async Task<ChatMessage> StoreAndPublishAsync(ChatMessage message)
    {
        ChatMessage stored;
        try
        {
            stored = await messages.AppendAsync(message);
        }
        catch (SequenceConflictException)
        {
            // Another activation of this group wrote this sequence number (a silo died a moment ago):
            // continue after what is stored, and let the poster retry with the same client_id.
            Committed(message.Seq, null);
            var storedLast = await messages.GetLastSeqAsync(Id);
            while (_lastSeq < storedLast)
                Committed(++_lastSeq, null);
            throw DomainException.Unavailable("sequence_conflict", "The group moved to another silo; retry with the same client_id.", TimeSpan.FromSeconds(1));
        }
        catch (Exception ex) when (ex is not DomainException)
        {
            logger.LogError(ex, "Group {Group}: storing message {Seq} failed", Id, message.Seq);
            Committed(message.Seq, null);
            throw DomainException.Unavailable("store_unavailable", "The message could not be stored; retry with the same client_id.", TimeSpan.FromSeconds(2));
        }

        Committed(message.Seq, stored.Seq == message.Seq ? stored : null);
        return stored;
    }

    private void Committed(long seq, ChatMessage? message)
    {
        _committed[seq] = message;
        while (_committed.Remove(_nextPublish, out var next))
        {
            if (next is not null)
                _outbox.Add(next);
            _nextPublish++;
        }

        // Nobody online in any shard: nothing to push, and no extra turn to schedule per post.
        if (_liveShards.Count == 0 && _liveShardsDiscovered is { IsCompletedSuccessfully: true })
        {
            _outbox.Clear();
            return;
        }

        if (_outbox.Count > 0 && !_flushScheduled)
        {
            _flushScheduled = true;
            _ = FlushOutboxAsync();
        }
    }

    /// <summary>
    /// Runs after the commits already queued on this activation, so one fan-out call per live shard carries
    /// every message committed meanwhile.
    /// </summary>
    private async Task FlushOutboxAsync()
    {
        try
        {
            await Task.Yield();
            _liveShardsDiscovered ??= DiscoverLiveShardsAsync();
            await _liveShardsDiscovered;
            _flushScheduled = false;
            if (_outbox.Count == 0)
                return;
            var batch = _outbox.ToArray();
            _outbox.Clear();
            foreach (var shard in _liveShards)
                _ = Shard(shard).DeliverAsync(batch);
        }
        catch (Exception ex)
        {
            _flushScheduled = false;
            _liveShardsDiscovered = null;
            logger.LogWarning(ex, "Group {Group}: live fan-out failed; clients catch up from history", Id);
        }
    }

    /// <summary>After activation the group asks its shards once who has members online; then shards report changes.</summary>
    private async Task DiscoverLiveShardsAsync()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, state.State.ShardCount).Select(async i => (i, live: await Shard(i).HasLiveRecipientsAsync())));
        foreach (var (i, live) in answers)
        {
            if (live)
                _liveShards.Add(i);
        }
    }

    private Task SendPrivateAsync(string userId, string text) =>
        SendPrivateAsync(userId, new ChatMessage(Id, 0, ChatEventKinds.Private, null, null, MessageTypes.Text, text, null, null, null, null, StoredTime.Now(clock)));

    private async Task SendPrivateAsync(string userId, ChatMessage note)
    {
        try
        {
            await ShardOf(userId).SendPrivateAsync(userId, note);
        }
        catch (Exception ex) when (ex is not DomainException)
        {
            logger.LogWarning(ex, "Group {Group}: private note to {User} not pushed", Id, userId);
        }
    }

    private async Task RequireSubscribedMemberAsync(string userId)
    {
        var member = await RequireMemberAsync(userId);
        if (!member.Subscribed)
            throw DomainException.Forbidden("unsubscribed", Format(Settings.Templates.UnsubscribedTip, member.Username));
    }

    /// <summary>The member's row; 403 <c>banned</c> or <c>not_member</c> when there is none.</summary>
    private async Task<MemberView> RequireMemberAsync(string userId)
    {
        var shard = ShardOf(userId);
        if (await shard.GetMemberAsync(userId) is { } member)
            return member;
        throw await shard.IsBannedAsync(userId) ? Banned() : DomainException.Forbidden("not_member", "Join the group first.");
    }

    private static DomainException Banned() => DomainException.Forbidden("banned", "You are banned from this group.");

    private async Task ForgetMemberAsync(string userId)
    {
        await Member(userId).RemoveGroupAsync(Id);
        if (state.State.Operators.Contains(userId))
            await WriteStateAsync(s => s.Operators.Remove(userId));
    }

    private async Task<string> NameOfAsync(string userId) => (await ShardOf(userId).GetMemberAsync(userId))?.Username ?? userId;

    private string Format(string template, string? user, long? count = null, int? retryAfterSeconds = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["group"] = Settings.Name };
        if (user is not null)
            values["user"] = user;
        if (count is { } n)
            values["count"] = n.ToString(CultureInfo.InvariantCulture);
        if (retryAfterSeconds is { } s)
            values["retry_after"] = s.ToString(CultureInfo.InvariantCulture);
        return TemplateFormatter.Format(template, values);
    }

    private void Remember((string, string) key, Task<ChatMessage> result)
    {
        _recent[key] = result;
        _recentOrder.Enqueue(key);
        while (_recentOrder.Count > RememberedClientIds)
            _recent.Remove(_recentOrder.Dequeue());
    }

    private async Task WriteStateAsync(Action<GroupState> change)
    {
        await _stateGate.WaitAsync();
        try
        {
            change(state.State);
            await state.WriteStateAsync();
        }
        finally
        {
            _stateGate.Release();
        }
    }

    private void EnsureCreated()
    {
        if (!state.State.Created)
            throw DomainException.NotFound("group_not_found", $"There is no group {Id}.");
    }

    private bool IsModerator(string userId) => userId == state.State.OwnerId || state.State.Operators.Contains(userId);

    private string RoleOf(string userId) =>
        userId == state.State.OwnerId ? MemberRoles.Owner : state.State.Operators.Contains(userId) ? MemberRoles.Operator : MemberRoles.Member;

    private void RequireModerator(string userId)
    {
        EnsureCreated();
        if (!IsModerator(userId))
            throw DomainException.Forbidden("moderators_only", "Only the owner and operators can do this.");
    }

    /// <summary>Operators moderate members; only the owner moderates operators; nobody moderates the owner.</summary>
    private void RequireModeratorOver(string moderatorId, string userId)
    {
        RequireModerator(moderatorId);
        if (userId == state.State.OwnerId || (state.State.Operators.Contains(userId) && moderatorId != state.State.OwnerId))
            throw DomainException.Forbidden("cannot_moderate", "Operators can only be moderated by the owner, and the owner by nobody.");
    }

    private GroupListing Listing() => new(Id, Settings.Name, Settings.Description, state.State.CreatedAt);

    private int ShardIndex(string userId) => ShardPicker.ShardOf(userId, state.State.ShardCount);

    private IMessageShardGrain Shard(int shard) => GrainFactory.GetGrain<IMessageShardGrain>(shard, Id, null);

    private IMessageShardGrain ShardOf(string userId) => Shard(ShardIndex(userId));

    private IEnumerable<IMessageShardGrain> AllShards() => Enumerable.Range(0, state.State.ShardCount).Select(Shard);

    private IMemberGrain Member(string userId) => GrainFactory.GetGrain<IMemberGrain>(userId);
}
