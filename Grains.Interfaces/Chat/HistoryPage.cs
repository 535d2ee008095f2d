namespace Grains.Interfaces.Chat;

/// <summary>Messages in ascending sequence order, and the group's last sequence at the time of reading.</summary>
[GenerateSerializer, Immutable, Alias("Chat.HistoryPage")]
public sealed record HistoryPage(
    [property: Id(0)] ChatMessage[] Messages,
    [property: Id(1)] long LastSeq);
