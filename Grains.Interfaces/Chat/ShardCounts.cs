namespace Grains.Interfaces.Chat;

[GenerateSerializer, Immutable, Alias("Chat.ShardCounts")]
public sealed record ShardCounts(
    [property: Id(0)] long Members,
    [property: Id(1)] long Subscribers,
    [property: Id(2)] long Online);
