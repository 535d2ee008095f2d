using System.Text.Json.Serialization;

namespace Grains.Interfaces.Chat;

/// <summary>One entry of the group directory.</summary>
[GenerateSerializer, Immutable, Alias("Chat.GroupListing")]
public sealed record GroupListing(
    [property: Id(0), JsonPropertyName("id")] string Id,
    [property: Id(1), JsonPropertyName("name")] string Name,
    [property: Id(2), JsonPropertyName("description")] string Description,
    [property: Id(3), JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
