namespace TestSupport;

/// <summary>One Server-Sent Event: its id (if any), event name and data.</summary>
public sealed record ServerSentEvent(string? Id, string Event, string Data, int? RetryMs);

/// <summary>Reads a <c>text/event-stream</c> body event by event.</summary>
public sealed class ServerSentEventReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body);

    /// <summary>
    /// The next event; throws <see cref="EndOfStreamException"/> when the server closed the stream, and
    /// <see cref="OperationCanceledException"/> when the timeout passes or <paramref name="cancellationToken"/>
    /// is cancelled (keep-alive comments do not end the wait).
    /// </summary>
    public async Task<ServerSentEvent> NextAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        string? id = null, name = null, data = null;
        int? retry = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException("the event stream ended");
            if (line.Length == 0)
            {
                if (name is not null || data is not null || retry is not null)
                    return new ServerSentEvent(id, name ?? "message", data ?? string.Empty, retry);
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
                case "retry" when int.TryParse(value, out var ms): retry = ms; break;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
