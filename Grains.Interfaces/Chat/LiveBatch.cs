namespace Grains.Interfaces.Chat;

/// <summary>
/// What a shard sends to one gateway: the messages, once, with the users connected to that gateway who
/// should receive them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.LiveBatch")]
public sealed record LiveBatch(
    [property: Id(0)] ChatMessage[] Messages,
    [property: Id(1)] string[] Recipients);
