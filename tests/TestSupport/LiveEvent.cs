using System.Text.Json;
using Grains.Interfaces.Chat;

namespace TestSupport;

/// <summary>One live event: its SSE id, name and data, with the data read as a chat message or as plain JSON.</summary>
public sealed record LiveEvent(string? Id, string Event, string Data)
{
    public ChatMessage Message => JsonSerializer.Deserialize<ChatMessage>(Data, ApiJsonOptions.Instance)!;

    public JsonElement Json => JsonDocument.Parse(Data.Length == 0 ? "{}" : Data).RootElement.Clone();
}
