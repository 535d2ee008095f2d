using System.Text.Json.Serialization;

namespace Grains.Interfaces.Chat;

/// <summary>Everything the owner and operators can change at run time.</summary>
[GenerateSerializer, Immutable, Alias("Chat.GroupSettings")]
public sealed record GroupSettings(
    [property: Id(0), JsonPropertyName("name")] string Name,
    [property: Id(1), JsonPropertyName("description")] string Description,
    [property: Id(2), JsonPropertyName("welcome_text")] string WelcomeText,
    [property: Id(3), JsonPropertyName("allowed_types")] string[] AllowedTypes,
    [property: Id(4), JsonPropertyName("rate_limit")] RateLimitSettings RateLimit,
    [property: Id(5), JsonPropertyName("mute_all")] bool MuteAll,
    [property: Id(6), JsonPropertyName("link_filter")] bool LinkFilter,
    [property: Id(7), JsonPropertyName("max_message_bytes")] int MaxMessageBytes,
    [property: Id(8), JsonPropertyName("templates")] MessageTemplates Templates)
{
    public const int DefaultMaxMessageBytes = 4096;
    public const int MaxMessageBytesCeiling = 65536;

    public static GroupSettings Create(string name, string? description) => new(
        name, description ?? string.Empty, string.Empty, [.. MessageTypes.All], RateLimitSettings.Default,
        MuteAll: false, LinkFilter: false, DefaultMaxMessageBytes, MessageTemplates.Default);
}
