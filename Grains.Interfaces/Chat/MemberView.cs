using System.Text.Json.Serialization;

namespace Grains.Interfaces.Chat;

[GenerateSerializer, Immutable, Alias("Chat.MemberView")]
public sealed record MemberView(
    [property: Id(0), JsonPropertyName("user_id")] string UserId,
    [property: Id(1), JsonPropertyName("username")] string Username,
    [property: Id(2), JsonPropertyName("role")] string Role,
    [property: Id(3), JsonPropertyName("subscribed")] bool Subscribed,
    [property: Id(4), JsonPropertyName("joined_at")] DateTimeOffset JoinedAt,
    [property: Id(5), JsonPropertyName("last_read_seq")] long LastReadSeq);
