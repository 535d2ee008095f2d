using System.Collections.Concurrent;
using Grains.Interfaces.Chat;

namespace Gateway.Live;

/// <summary>
/// This gateway's live connections (several per user: tabs, devices; beyond <see cref="LiveOptions.MaxStreamsPerUser"/>
/// the oldest is ended with a reconnect hint), and the observer the shards push to. A batch names its recipients; each
/// of their connections gets the already-serialised frames queued.
/// </summary>
public sealed class LiveHub(LiveOptions options) : ILiveGatewayObserver
{
    // Copy-on-write arrays: delivery, the hot path, reads without locking; attach and detach are rare.
    private readonly ConcurrentDictionary<string, LiveConnection[]> _connections = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _generations;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Adds the connection. Returns the generation to tell the member grain when this is the user's first connection
    /// here (so the user's groups learn this gateway), or null when the user already had one.
    /// </summary>
    public long? Attach(LiveConnection connection)
    {
        LiveConnection? evicted = null;
        long? generation;
        lock (_gate)
        {
            var existing = _connections.GetValueOrDefault(connection.UserId) ?? [];
            var kept = existing.Length >= options.MaxStreamsPerUser ? existing[1..] : existing;
            if (kept.Length < existing.Length)
                evicted = existing[0];
            _connections[connection.UserId] = [.. kept, connection];
            _count += 1 + kept.Length - existing.Length;
            generation = existing.Length == 0 ? Interlocked.Increment(ref _generations) : null;
        }

        evicted?.CloseAfter(new LiveItem(null, 0, LiveFrames.Reconnect));
        return generation;
    }

    /// <summary>
    /// Removes the connection. Returns a generation when it was the user's last one here (tell the member grain the user
    /// left this gateway), else null.
    /// </summary>
    public long? Detach(LiveConnection connection)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(connection.UserId, out var existing) || Array.IndexOf(existing, connection) < 0)
                return null;
            _count--;
            if (existing.Length > 1)
            {
                _connections[connection.UserId] = [.. existing.Where(c => c != connection)];
                return null;
            }

            _connections.TryRemove(connection.UserId, out _);
            return Interlocked.Increment(ref _generations);
        }
    }

    /// <summary>A comment frame to every connection, so proxies keep idle streams open and dead clients are noticed.</summary>
    public void SendHeartbeats()
    {
        var heartbeat = new LiveItem(null, 0, LiveFrames.Heartbeat);
        foreach (var connections in _connections.Values)
        {
            foreach (var connection in connections)
                connection.Enqueue(heartbeat);
        }
    }

    /// <summary>
    /// Gateway shutdown: every stream gets a <c>reconnect</c> event (with an SSE <c>retry</c> delay) after what it
    /// already has queued, then ends, so clients move to another gateway at once and resume from their last position.
    /// </summary>
    public void CloseAllWithReconnectHint()
    {
        var hint = new LiveItem(null, 0, LiveFrames.Reconnect);
        foreach (var connections in _connections.Values)
        {
            foreach (var connection in connections)
                connection.CloseAfter(hint);
        }
    }

    public Task DeliverAsync(LiveBatch batch)
    {
        var items = new LiveItem[batch.Messages.Length];
        for (var i = 0; i < items.Length; i++)
            items[i] = LiveFrames.ItemFor(batch.Messages[i]);

        foreach (var recipient in batch.Recipients)
        {
            if (!_connections.TryGetValue(recipient, out var connections))
                continue;
            foreach (var connection in connections)
            {
                foreach (var item in items)
                    connection.Enqueue(item);
            }
        }

        return Task.CompletedTask;
    }
}
