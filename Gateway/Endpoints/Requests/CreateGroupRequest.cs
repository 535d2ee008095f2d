using System.Text.Json.Serialization;

namespace Gateway.Endpoints.Requests;

/// <summary>Body of <c>POST /api/groups</c>; <see cref="ShardCount"/> is fixed for the group's lifetime.</summary>
public sealed record CreateGroupRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("shard_count")] int? ShardCount);
