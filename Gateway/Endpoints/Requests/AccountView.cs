using System.Text.Json.Serialization;

namespace Gateway.Endpoints.Requests;

public sealed record AccountView(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
