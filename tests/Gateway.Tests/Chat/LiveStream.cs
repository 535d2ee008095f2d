using System.Text.Json;
using Grains.Interfaces.Chat;
using TestSupport;

namespace Gateway.Tests.Chat;

/// <summary>A user's live stream: Server-Sent Events carrying chat messages.</summary>
public sealed class LiveStream(HttpResponseMessage response, Stream body) : IDisposable
{
    private readonly ServerSentEventReader _reader = new(body);

    public async Task<LiveEvent> NextAsync(TimeSpan? timeout = null)
    {
        var next = await _reader.NextAsync(timeout);
        return new LiveEvent(next.Id, next.Event, next.Data);
    }

    /// <summary>The next event that carries a chat message (skipping nothing: every event here is one).</summary>
    public async Task<ChatMessage> NextMessageAsync() => (await NextAsync()).Message;

    public void Dispose()
    {
        _reader.Dispose();
        response.Dispose();
    }
}

public sealed record LiveEvent(string? Id, string Event, string Data)
{
    public ChatMessage Message => JsonSerializer.Deserialize<ChatMessage>(Data, ApiJsonOptions.Instance)!;
}
