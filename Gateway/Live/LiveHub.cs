using System.Collections.Concurrent;
using Grains.Interfaces.Chat;

namespace Gateway.Live;

/// <summary>
/// This gateway's live connections (one per user: a new one replaces the old), and the observer the shards
/// push to. A batch names its recipients; each gets the already-serialised frames queued on its connection.
/// </summary>
public sealed class LiveHub : ILiveGatewayObserver
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Attach(LiveConnection connection) =>
        _connections.AddOrUpdate(connection.UserId, connection, (_, previous) =>
        {
            previous.Close();
            return connection;
        });

    /// <summary>Removes the connection if it is still the user's current one; true if it was.</summary>
    public bool Detach(LiveConnection connection) =>
        _connections.TryRemove(KeyValuePair.Create(connection.UserId, connection));

    /// <summary>A comment frame to every connection, so proxies keep idle streams open and dead clients are noticed.</summary>
    public void SendHeartbeats()
    {
        var heartbeat = new LiveItem(null, 0, LiveFrames.Heartbeat);
        foreach (var connection in _connections.Values)
            connection.Enqueue(heartbeat);
    }

    /// <summary>
    /// Gateway shutdown: every stream gets a <c>reconnect</c> event (with an SSE <c>retry</c> delay) after what it
    /// already has queued, then ends, so clients move to another gateway at once and resume from their last sequence.
    /// </summary>
    public void CloseAllWithReconnectHint()
    {
        var hint = new LiveItem(null, 0, LiveFrames.Reconnect);
        foreach (var connection in _connections.Values)
            connection.CloseAfter(hint);
    }

    public Task DeliverAsync(LiveBatch batch)
    {
        var items = new LiveItem[batch.Messages.Length];
        for (var i = 0; i < items.Length; i++)
            items[i] = LiveFrames.ItemFor(batch.Messages[i]);

        foreach (var recipient in batch.Recipients)
        {
            if (!_connections.TryGetValue(recipient, out var connection))
                continue;
            foreach (var item in items)
                connection.Enqueue(item);
        }

        return Task.CompletedTask;
    }
}
