using System.Text.Json.Serialization;

namespace Grains.Interfaces.Chat;

/// <summary>A partial update of <see cref="GroupSettings"/>: absent (null) fields stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("Chat.GroupSettingsPatch")]
public sealed record GroupSettingsPatch(
    [property: Id(0), JsonPropertyName("name")] string? Name = null,
    [property: Id(1), JsonPropertyName("description")] string? Description = null,
    [property: Id(2), JsonPropertyName("welcome_text")] string? WelcomeText = null,
    [property: Id(3), JsonPropertyName("allowed_types")] string[]? AllowedTypes = null,
    [property: Id(4), JsonPropertyName("rate_limit")] RateLimitSettings? RateLimit = null,
    [property: Id(5), JsonPropertyName("mute_all")] bool? MuteAll = null,
    [property: Id(6), JsonPropertyName("link_filter")] bool? LinkFilter = null,
    [property: Id(7), JsonPropertyName("max_message_bytes")] int? MaxMessageBytes = null,
    [property: Id(8), JsonPropertyName("templates")] MessageTemplatesPatch? Templates = null);
