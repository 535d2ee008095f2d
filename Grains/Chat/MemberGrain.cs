using Grains.Interfaces.Chat;
using Grains.Storage;

namespace Grains.Chat;

public sealed class MemberGrain(
    [PersistentState("member", StorageNames.State)] IPersistentState<MemberState> state) : Grain, IMemberGrain
{
    // Gateways holding the user's live connections, with the generation of the latest connect from each. In memory
    // only: a connection does not outlive its gateway.
    private readonly Dictionary<string, long> _gateways = new(StringComparer.Ordinal);

    private string UserId => this.GetPrimaryKeyString();

    public Task<GroupMembership[]> GetGroupsAsync() => Task.FromResult(Memberships());

    public async Task AddGroupAsync(GroupMembership membership)
    {
        if (!state.State.Groups.TryGetValue(membership.GroupId, out var shard) || shard != membership.Shard)
        {
            state.State.Groups[membership.GroupId] = membership.Shard;
            await state.WriteStateAsync();
        }

        foreach (var gateway in _gateways.Keys.ToArray())
            await Shard(membership).SetPresenceAsync(UserId, gateway, online: true);
    }

    public async Task RemoveGroupAsync(string groupId)
    {
        if (state.State.Groups.Remove(groupId))
            await state.WriteStateAsync();
    }

    public async Task<GroupMembership[]> ConnectAsync(string gatewayId, long generation)
    {
        var memberships = Memberships();
        var known = _gateways.TryGetValue(gatewayId, out var seen);
        _gateways[gatewayId] = Math.Max(seen, generation);
        if (!known)
            await Task.WhenAll(memberships.Select(m => Shard(m).SetPresenceAsync(UserId, gatewayId, online: true)));
        return memberships;
    }

    public async Task DisconnectAsync(string gatewayId, long generation)
    {
        // A disconnect that overtook a newer connect from the same gateway (another tab) must not take the user offline.
        if (!_gateways.TryGetValue(gatewayId, out var latest) || latest > generation)
            return;
        _gateways.Remove(gatewayId);
        await Task.WhenAll(Memberships().Select(m => Shard(m).SetPresenceAsync(UserId, gatewayId, online: false)));
    }

    private GroupMembership[] Memberships() => state.State.Groups.Select(g => new GroupMembership(g.Key, g.Value)).ToArray();

    private IMessageShardGrain Shard(GroupMembership membership) =>
        GrainFactory.GetGrain<IMessageShardGrain>(membership.Shard, membership.GroupId, null);
}
