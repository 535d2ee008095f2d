namespace Grains.Interfaces.Chat;

/// <summary>One user (key: user id): the groups the user is in, and which gateway the user is connected to.</summary>
[Alias("Chat.IMemberGrain")]
public interface IMemberGrain : IGrainWithStringKey
{
    Task<GroupMembership[]> GetGroupsAsync();

    /// <summary>Records a joined group; if the user is online, tells the group's shard where to push.</summary>
    Task AddGroupAsync(GroupMembership membership);

    Task RemoveGroupAsync(string groupId);

    /// <summary>The user's live connection is on <paramref name="gatewayId"/> now; every group's shard learns it.</summary>
    Task<GroupMembership[]> ConnectAsync(string gatewayId);

    /// <summary>The connection on <paramref name="gatewayId"/> closed (ignored if the user has moved to another gateway).</summary>
    Task DisconnectAsync(string gatewayId);
}
