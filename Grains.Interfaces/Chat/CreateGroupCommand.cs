namespace Grains.Interfaces.Chat;

/// <summary>Creates a group owned by <see cref="OwnerId"/>; <see cref="ShardCount"/> is fixed for its lifetime.</summary>
[GenerateSerializer, Immutable, Alias("Chat.CreateGroupCommand")]
public sealed record CreateGroupCommand(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string OwnerName,
    [property: Id(2)] string Name,
    [property: Id(3)] string? Description,
    [property: Id(4)] int? ShardCount);
