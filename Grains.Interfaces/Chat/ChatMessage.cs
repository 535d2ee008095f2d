using System.Text.Json.Serialization;

namespace Grains.Interfaces.Chat;

/// <summary>
/// One entry of a group's history (a message, a system notice or a recall), or a private note to one user.
/// <see cref="Seq"/> is the group's sequence number (0 for private notes): clients detect gaps and catch up by it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0), JsonPropertyName("group_id")] string GroupId,
    [property: Id(1), JsonPropertyName("seq")] long Seq,
    [property: Id(2), JsonPropertyName("kind")] string Kind,
    [property: Id(3), JsonPropertyName("sender_id")] string? SenderId,
    [property: Id(4), JsonPropertyName("sender_name")] string? SenderName,
    [property: Id(5), JsonPropertyName("type")] string Type,
    [property: Id(6), JsonPropertyName("text")] string? Text,
    [property: Id(7), JsonPropertyName("url")] string? Url,
    [property: Id(8), JsonPropertyName("contact")] string? Contact,
    [property: Id(9), JsonPropertyName("client_id")] string? ClientId,
    [property: Id(10), JsonPropertyName("recall_of")] long? RecallOf,
    [property: Id(11), JsonPropertyName("sent_at")] DateTimeOffset SentAt,
    [property: Id(12), JsonPropertyName("recalled")] bool Recalled = false);
