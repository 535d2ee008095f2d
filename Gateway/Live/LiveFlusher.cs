using System.Collections.Concurrent;

namespace Gateway.Live;

/// <summary>
/// One loop for the whole gateway: every flush interval it hands the hub's outbox (the interval's messages) to
/// the connections, then writes out each connection that has frames waiting, in one write per connection.
/// Connections queue themselves here when their first frame arrives.
/// </summary>
public sealed class LiveFlusher(LiveOptions options, LiveHub hub, ILogger<LiveFlusher> logger) : BackgroundService
{
    private readonly ConcurrentQueue<LiveConnection> _dirty = new();

    public void Schedule(LiveConnection connection) => _dirty.Enqueue(connection);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(1, options.FlushIntervalMs)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                hub.DrainOutbox();
                for (var count = _dirty.Count; count > 0 && _dirty.TryDequeue(out var connection); count--)
                {
                    try
                    {
                        var write = connection.WritePendingAsync();
                        if (!write.IsCompletedSuccessfully)
                            _ = CompleteAsync(write);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        logger.LogDebug(ex, "Writing to the live connection of {User} failed", connection.UserId);
                        connection.Close();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CompleteAsync(ValueTask write)
    {
        try
        {
            await write;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "Writing to a live connection failed");
        }
    }
}
