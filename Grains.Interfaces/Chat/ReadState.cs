namespace Grains.Interfaces.Chat;

/// <summary>Unread = last sequence - last read sequence: arithmetic, no row per member per message.</summary>
[GenerateSerializer, Immutable, Alias("Chat.ReadState")]
public sealed record ReadState(
    [property: Id(0)] long LastReadSeq,
    [property: Id(1)] long LastSeq,
    [property: Id(2)] long Unread);
