namespace Grains.Interfaces.Chat;

/// <summary>A group as its members see it: settings, roles, counters and the last sequence number.</summary>
[GenerateSerializer, Immutable, Alias("Chat.GroupView")]
public sealed record GroupView(
    [property: Id(0)] string Id,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] string[] Operators,
    [property: Id(3)] int ShardCount,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] long LastSeq,
    [property: Id(6)] long MemberCount,
    [property: Id(7)] long SubscriberCount,
    [property: Id(8)] GroupSettings Settings);
