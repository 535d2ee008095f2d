namespace Grains.Interfaces.Chat;

/// <summary>
/// One entry of a group's history (a message, a system notice or a recall), or a private note to one user.
/// <see cref="Seq"/> is the group's sequence number (0 for private notes): clients detect gaps and catch up by it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] string GroupId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Kind,
    [property: Id(3)] string? SenderId,
    [property: Id(4)] string? SenderName,
    [property: Id(5)] string Type,
    [property: Id(6)] string? Text,
    [property: Id(7)] string? Url,
    [property: Id(8)] string? Contact,
    [property: Id(9)] string? ClientId,
    [property: Id(10)] long? RecallOf,
    [property: Id(11)] DateTimeOffset SentAt,
    [property: Id(12)] bool Recalled = false,
    [property: Id(13)] MediaRef? Media = null);
