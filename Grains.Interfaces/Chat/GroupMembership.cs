namespace Grains.Interfaces.Chat;

/// <summary>A group a user belongs to and the shard that holds the user's row there.</summary>
[GenerateSerializer, Immutable, Alias("Chat.GroupMembership")]
public sealed record GroupMembership(
    [property: Id(0)] string GroupId,
    [property: Id(1)] int Shard);
