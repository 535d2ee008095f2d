using System.Text.Json.Serialization;

namespace Grains.Interfaces.Chat;

/// <summary>A group as its members see it: settings, roles, counters and the last sequence number.</summary>
[GenerateSerializer, Immutable, Alias("Chat.GroupView")]
public sealed record GroupView(
    [property: Id(0), JsonPropertyName("id")] string Id,
    [property: Id(1), JsonPropertyName("owner_id")] string OwnerId,
    [property: Id(2), JsonPropertyName("operators")] string[] Operators,
    [property: Id(3), JsonPropertyName("shard_count")] int ShardCount,
    [property: Id(4), JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: Id(5), JsonPropertyName("last_seq")] long LastSeq,
    [property: Id(6), JsonPropertyName("member_count")] long MemberCount,
    [property: Id(7), JsonPropertyName("subscriber_count")] long SubscriberCount,
    [property: Id(8), JsonPropertyName("settings")] GroupSettings Settings);
