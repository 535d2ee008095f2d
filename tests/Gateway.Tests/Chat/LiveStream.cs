using System.Text.Json;
using Grains.Interfaces.Chat;

namespace Gateway.Tests.Chat;

/// <summary>Reads a Server-Sent Events response event by event.</summary>
public sealed class LiveStream(HttpResponseMessage response, Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body);

    public async Task<LiveEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        string? id = null, name = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException("the live stream ended");
            if (line.Length == 0)
            {
                if (name is not null || data is not null)
                    return new LiveEvent(id, name ?? "message", data ?? string.Empty);
                continue;
            }

            if (line.StartsWith(':'))
                continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }
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
    public ChatMessage Message => JsonSerializer.Deserialize<ChatMessage>(Data, JsonSerializerOptions.Web)!;
}
