using System.Text.Json.Serialization;

namespace Grains.Interfaces.Chat;

/// <summary>What a member asks to post. <see cref="ClientId"/> makes retries safe.</summary>
[GenerateSerializer, Immutable, Alias("Chat.MessageDraft")]
public sealed record MessageDraft(
    [property: Id(0), JsonPropertyName("client_id")] string? ClientId,
    [property: Id(1), JsonPropertyName("type")] string? Type,
    [property: Id(2), JsonPropertyName("text")] string? Text = null,
    [property: Id(3), JsonPropertyName("url")] string? Url = null,
    [property: Id(4), JsonPropertyName("contact")] string? Contact = null);
