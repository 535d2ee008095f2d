using Grains.Interfaces.Chat;

namespace Grains.Tests.Chat;

/// <summary>A fresh group (unique ids per test) and its members, made through the grains.</summary>
internal static class GroupScenario
{
    public static async Task<(IGroupGrain Group, string Owner, string Id)> NewGroupAsync(IClusterClient client, int shards = 4)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var owner = $"owner-{id}";
        var group = client.GetGrain<IGroupGrain>($"g-{id}");
        await group.CreateAsync(new CreateGroupCommand(owner, owner, $"group {id}", null, shards));
        return (group, owner, id);
    }

    public static async Task<string> JoinAsync(IGroupGrain group, string userId)
    {
        await group.JoinAsync(new MemberProfile(userId, userId));
        return userId;
    }
}
