namespace Grains.Interfaces.Chat;

/// <summary>One user (key: user id): the groups the user is in, and which gateways hold the user's live connections.</summary>
[Alias("Chat.IMemberGrain")]
public interface IMemberGrain : IGrainWithStringKey
{
    Task<GroupMembership[]> GetGroupsAsync();

    /// <summary>Records a joined group; if the user is online, tells the group's shard where to push.</summary>
    Task AddGroupAsync(GroupMembership membership);

    Task RemoveGroupAsync(string groupId);

    /// <summary>
    /// The user has live connections on <paramref name="gatewayId"/> (perhaps besides others); every group's shard learns
    /// it. <paramref name="generation"/> increases with each first connection of the user on that gateway.
    /// </summary>
    Task<GroupMembership[]> ConnectAsync(string gatewayId, long generation);

    /// <summary>
    /// The user's last connection on <paramref name="gatewayId"/> closed; ignored when a connect with a newer
    /// <paramref name="generation"/> from that gateway came first (a new tab opened meanwhile).
    /// </summary>
    Task DisconnectAsync(string gatewayId, long generation);
}
