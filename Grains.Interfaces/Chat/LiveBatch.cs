namespace Grains.Interfaces.Chat;

/// <summary>
/// What a shard sends to one gateway: the messages, once, with the users connected to that gateway who
/// should receive them. <see cref="Source"/> names the sending shard and <see cref="RecipientsStamp"/> changes
/// whenever that shard's recipient list for the gateway changes, so the gateway resolves the list to its
/// connections once per change instead of once per message (0: not cacheable, resolve every time).
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.LiveBatch")]
public sealed record LiveBatch(
    [property: Id(0)] ChatMessage[] Messages,
    [property: Id(1)] string[] Recipients,
    [property: Id(2)] string? Source = null,
    [property: Id(3)] long RecipientsStamp = 0);
