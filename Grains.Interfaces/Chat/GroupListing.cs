namespace Grains.Interfaces.Chat;

/// <summary>One entry of the group directory.</summary>
[GenerateSerializer, Immutable, Alias("Chat.GroupListing")]
public sealed record GroupListing(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] DateTimeOffset CreatedAt);
