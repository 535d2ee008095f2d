using System.Text.Json.Serialization;

namespace Grains.Interfaces.Chat;

/// <summary>Unread = last sequence - last read sequence: arithmetic, no row per member per message.</summary>
[GenerateSerializer, Immutable, Alias("Chat.ReadState")]
public sealed record ReadState(
    [property: Id(0), JsonPropertyName("last_read_seq")] long LastReadSeq,
    [property: Id(1), JsonPropertyName("last_seq")] long LastSeq,
    [property: Id(2), JsonPropertyName("unread")] long Unread);
