using Grains.Chat.Delivery;
using Grains.Chat.Moderation;
using Grains.Chat.Posting;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Grains.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Grains.Chat;

/// <summary>
/// A group: settings, operators and the message sequence. Reentrant so that many posts are in flight at once
/// and the store can batch them; a sequence number is assigned and the append queued in one synchronous step,
/// so appends (and therefore commits and fan-out) follow sequence order. State writes are serialised by a gate.
/// The rules it applies live in plain classes: <see cref="PostAdmission"/>, <see cref="ContentPolicy"/>,
/// <see cref="ClientIdMemory"/>, <see cref="CommitWindow"/>, <see cref="ModeratorHierarchy"/>, <see cref="GroupSettingsEditor"/>.
/// </summary>
[Reentrant]
public sealed partial class GroupGrain(
    [PersistentState("group", StorageNames.State)] IPersistentState<GroupState> state,
    IMessageStore messages,
    IGroupDirectory directory,
    IJoinPolicy joinPolicy,
    IUploadStore uploads,
    IOptions<PaymentOptions> payments,
    TimeProvider clock,
    ILogger<GroupGrain> logger) : Grain, IGroupGrain
{
    public const int MaxHistoryPage = 200;
    public const int MaxMemberPage = 200;

    private const int RememberedClientIds = 5_000;
    private readonly ClientIdMemory _recent = new(RememberedClientIds);
    private readonly SemaphoreSlim _stateGate = new(1, 1);
    private CommitWindow _window = new(lastStored: 0);
    private IMessageShardGrain?[] _shardReferences = [];

    private string Id => this.GetPrimaryKeyString();
    private GroupSettings Settings => state.State.Settings;
    private ModeratorHierarchy Hierarchy => new(state.State.OwnerId, state.State.Operators);

    /// <summary>The highest sequence number whose message, and all before it, is stored.</summary>
    private long LastCommitted => _window.LastCommitted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        logger.LogDebug("Group {Group} activated on this silo", Id);
        if (!state.State.Created)
            return;

        // The sequence lives in the message table, not in grain state, so posting never rewrites grain state.
        _window = new CommitWindow(await messages.GetLastSeqAsync(Id));
        foreach (var recent in await messages.ReadBeforeAsync(Id, long.MaxValue, 1000))
        {
            if (recent is { Kind: ChatEventKinds.Message, SenderId: { } sender, ClientId: { } clientId })
                _recent.Remember(sender, clientId, Task.FromResult(recent));
        }

        // Payments that were waiting when the group last ran are watched again.
        if (new Payments.JoinLedger(state.State.JoinPayments).HasOpen)
            await WatchPaymentsAsync();
    }

    public async Task<GroupView> CreateAsync(CreateGroupCommand command)
    {
        var name = GroupSettingsEditor.CheckName(command.Name);
        var description = GroupSettingsEditor.CheckText("description", ErrorCodes.DescriptionTooLong, command.Description);
        var shards = command.ShardCount ?? ShardPicker.DefaultShardCount;
        if (shards is < 1 or > ShardPicker.MaxShardCount)
            throw DomainException.Invalid(ErrorCodes.ShardCountInvalid, $"shard_count must be between 1 and {ShardPicker.MaxShardCount}.");

        await _stateGate.WaitAsync();
        try
        {
            if (state.State.Created)
                throw DomainException.Conflict(ErrorCodes.GroupExists, "A group with this id exists.");
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
            var name = await NameOfAsync(userId);
            await PostSystemAsync(TemplateFormatter.ForGroup(Settings, template, name));
        }

        return await GetAsync();
    }

    public async Task SetOperatorAsync(string ownerId, string userId, bool isOperator)
    {
        EnsureCreated();
        Hierarchy.RequireCanAppoint(ownerId, userId);
        if (!await ShardOf(userId).SetRoleAsync(userId, isOperator ? MemberRoles.Operator : MemberRoles.Member))
            throw DomainException.NotFound(ErrorCodes.NotMember, $"{userId} is not a member of this group.");
        await WriteStateAsync(s =>
        {
            if (isOperator)
                s.Operators.Add(userId);
            else
                s.Operators.Remove(userId);
        });
    }

    public Task<long> GetLastSeqAsync()
    {
        EnsureCreated();
        return Task.FromResult(LastCommitted);
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
            throw DomainException.NotFound(ErrorCodes.GroupNotFound, $"There is no group {Id}.");
    }

    private void RequireModerator(string userId)
    {
        EnsureCreated();
        Hierarchy.RequireModerator(userId);
    }

    private GroupListing Listing() => new(Id, Settings.Name, Settings.Description, state.State.CreatedAt);

    private int ShardIndex(string userId) => ShardPicker.ShardOf(userId, state.State.ShardCount);

    /// <summary>The shard's reference, built once per activation: building one costs reflection in Orleans, and every post asks.</summary>
    private IMessageShardGrain Shard(int shard)
    {
        if (_shardReferences.Length != state.State.ShardCount)
            _shardReferences = new IMessageShardGrain?[state.State.ShardCount];
        return _shardReferences[shard] ??= GrainFactory.GetGrain<IMessageShardGrain>(shard, Id, null);
    }

    private IMessageShardGrain ShardOf(string userId) => Shard(ShardIndex(userId));

    private IEnumerable<IMessageShardGrain> AllShards() => Enumerable.Range(0, state.State.ShardCount).Select(Shard);

    private IMemberGrain Member(string userId) => GrainFactory.GetGrain<IMemberGrain>(userId);
}
