using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Grains.Interfaces.Chat;

namespace Gateway.Live;

/// <summary>
/// One user's live stream. Frames queue here and a single loop writes them, flushing when the queue is empty,
/// so a burst goes out in few writes. The loop keeps the last sequence sent per group: a duplicate is dropped,
/// and a gap (a push that never came, or arrived late) is filled from history before the next frame, so the
/// client sees every group's messages in order with no gap and no duplicate.
/// </summary>
public sealed class LiveConnection(string userId, IGrainFactory grains, ILogger logger)
{
    /// <summary>A client this far behind is cut off; it reconnects and catches up from history.</summary>
    public const int QueueCapacity = 20_000;

    private const int CatchUpPage = 200;

    private readonly Channel<LiveItem> _queue = Channel.CreateBounded<LiveItem>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly CancellationTokenSource _closed = new();
    private readonly Dictionary<string, long> _lastSent = new(StringComparer.Ordinal);

    public string UserId { get; } = userId;

    public void Enqueue(LiveItem item)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            logger.LogWarning("Live connection of {User} fell {Capacity} frames behind; closing it", UserId, QueueCapacity);
            Close();
        }
    }

    public void Close() => _closed.Cancel();

    /// <summary>Writes the ready event, then what the client missed since its last sequences, then live frames.</summary>
    public async Task RunAsync(PipeWriter output, byte[] ready, IReadOnlyDictionary<string, long> since, CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closed.Token);
        var token = linked.Token;
        try
        {
            output.Write(ready);
            await output.FlushAsync(token);
            foreach (var (groupId, seq) in since)
            {
                _lastSent[groupId] = seq;
                await CatchUpAsync(output, groupId, long.MaxValue, token);
            }

            while (true)
            {
                if (!_queue.Reader.TryRead(out var item))
                {
                    await output.FlushAsync(token);
                    await _queue.Reader.WaitToReadAsync(token);
                    continue;
                }

                await WriteAsync(output, item, token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, or a newer connection of the same user replaced this one.
        }
    }

    private async Task WriteAsync(PipeWriter output, LiveItem item, CancellationToken token)
    {
        if (item.GroupId is not { } groupId)
        {
            output.Write(item.Frame.Span);
            return;
        }

        if (_lastSent.TryGetValue(groupId, out var last))
        {
            if (item.Seq <= last)
                return;
            if (item.Seq > last + 1)
                await CatchUpAsync(output, groupId, item.Seq - 1, token);
            if (item.Seq <= _lastSent[groupId])
                return;
        }

        output.Write(item.Frame.Span);
        _lastSent[groupId] = item.Seq;
    }

    /// <summary>Writes the group's stored messages after the last one sent, up to <paramref name="upTo"/>.</summary>
    private async Task CatchUpAsync(PipeWriter output, string groupId, long upTo, CancellationToken token)
    {
        var group = grains.GetGrain<IGroupGrain>(groupId);
        while (true)
        {
            token.ThrowIfCancellationRequested();
            var after = _lastSent[groupId];
            if (after >= upTo)
                return;
            var page = await group.ReadAfterAsync(after, CatchUpPage);
            foreach (var message in page)
            {
                if (message.Seq > upTo)
                    return;
                output.Write(LiveFrames.ItemFor(message).Frame.Span);
                _lastSent[groupId] = message.Seq;
            }

            if (page.Length < CatchUpPage)
            {
                // Stored messages end here; anything later arrives live. A sequence number whose post failed is never stored.
                if (upTo != long.MaxValue)
                    _lastSent[groupId] = Math.Max(_lastSent[groupId], upTo);
                return;
            }
        }
    }
}
