using Grains.Interfaces.Chat;
using Grains.Storage;

namespace Grains.Chat;

public sealed class MemberGrain(
    [PersistentState("member", StorageNames.State)] IPersistentState<MemberState> state) : Grain, IMemberGrain
{
    // Where the user's live connection is; in memory only: a connection does not outlive its gateway.
    private string? _gateway;

    private string UserId => this.GetPrimaryKeyString();

    public Task<GroupMembership[]> GetGroupsAsync() => Task.FromResult(Memberships());

    public async Task AddGroupAsync(GroupMembership membership)
    {
        if (!state.State.Groups.TryGetValue(membership.GroupId, out var shard) || shard != membership.Shard)
        {
            state.State.Groups[membership.GroupId] = membership.Shard;
            await state.WriteStateAsync();
        }

        if (_gateway is not null)
            await Shard(membership).SetPresenceAsync(UserId, _gateway);
    }

    public async Task RemoveGroupAsync(string groupId)
    {
        if (state.State.Groups.Remove(groupId))
            await state.WriteStateAsync();
    }

    public async Task<GroupMembership[]> ConnectAsync(string gatewayId)
    {
        _gateway = gatewayId;
        var memberships = Memberships();
        await Task.WhenAll(memberships.Select(m => Shard(m).SetPresenceAsync(UserId, gatewayId)));
        return memberships;
    }

    public async Task DisconnectAsync(string gatewayId)
    {
        if (_gateway != gatewayId)
            return;
        _gateway = null;
        await Task.WhenAll(Memberships().Select(m => Shard(m).SetPresenceAsync(UserId, null)));
    }

    private GroupMembership[] Memberships() => state.State.Groups.Select(g => new GroupMembership(g.Key, g.Value)).ToArray();

    private IMessageShardGrain Shard(GroupMembership membership) =>
        GrainFactory.GetGrain<IMessageShardGrain>(membership.Shard, membership.GroupId, null);
}
