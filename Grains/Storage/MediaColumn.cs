using System.Text.Json;
using Grains.Interfaces.Chat;

namespace Grains.Storage;

/// <summary>A message's <see cref="MediaRef"/> as the <c>media</c> jsonb column holds it (snake_case, nulls left out).</summary>
internal static class MediaColumn
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string? Write(MediaRef? media) => media is null ? null : JsonSerializer.Serialize(media, Json);

    public static MediaRef? Read(string json) => JsonSerializer.Deserialize<MediaRef>(json, Json);
}
