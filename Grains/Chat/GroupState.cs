using Grains.Interfaces.Chat;

namespace Grains.Chat;

/// <summary>A group's persisted state: small and bounded (members live in the shards' rows).</summary>
[GenerateSerializer, Alias("Chat.GroupState")]
public sealed class GroupState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string OwnerId { get; set; } = string.Empty;
    [Id(2)] public HashSet<string> Operators { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public GroupSettings Settings { get; set; } = GroupSettings.Create("group", null);
    [Id(4)] public int ShardCount { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
}
