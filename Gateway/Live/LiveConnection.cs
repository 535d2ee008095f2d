using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using Grains.Interfaces.Chat;

namespace Gateway.Live;

/// <summary>
/// One user's live stream. Frames wait here until the <see cref="LiveFlusher"/> writes them, all pending
/// frames in one write. The connection keeps the last sequence sent per group: a duplicate is dropped, and a
/// gap (a push that never came, or came late) is filled from history before the next frame, so the client
/// sees every group's messages in order with no gap and no duplicate.
/// </summary>
public sealed class LiveConnection(string userId, IGrainFactory grains, LiveFlusher flusher, ILogger logger)
{
    /// <summary>A client this far behind is cut off; it reconnects and catches up from history.</summary>
    public const int QueueCapacity = 20_000;

    private const int CatchUpPage = 200;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _lastSent = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<LiveItem> _pending = [];
    private List<LiveItem> _spare = [];
    private PipeWriter? _output;
    private bool _scheduled;
    private bool _live;
    private volatile bool _closed;
    private bool _closeWhenWritten;

    public string UserId { get; } = userId;

    public void Enqueue(LiveItem item)
    {
        lock (_gate)
        {
            if (_pending.Count >= QueueCapacity)
            {
                logger.LogWarning("Live connection of {User} fell {Capacity} frames behind; closing it", UserId, QueueCapacity);
                Close();
                return;
            }

            _pending.Add(item);
            if (_scheduled || !_live)
                return;
            _scheduled = true;
        }

        flusher.Schedule(this);
    }

    /// <summary>Writes <paramref name="farewell"/> after what is already queued, then closes the stream.</summary>
    public void CloseAfter(LiveItem farewell)
    {
        lock (_gate)
        {
            if (!_live || _closed)
            {
                Close();
                return;
            }

            _pending.Add(farewell);
            _closeWhenWritten = true;
            if (_scheduled)
                return;
            _scheduled = true;
        }

        flusher.Schedule(this);
    }

    public void Close()
    {
        _closed = true;
        _finished.TrySetResult();
    }

    /// <summary>
    /// Writes the ready event and what the client missed since its last sequences (<paramref name="since"/>),
    /// then stays live until closed. Other groups start after <paramref name="baselines"/>.
    /// </summary>
    public async Task RunAsync(PipeWriter output, byte[] ready, IReadOnlyDictionary<string, long> since,
        IReadOnlyDictionary<string, long> baselines, CancellationToken aborted)
    {
        using var registration = aborted.Register(Close);
        _output = output;
        foreach (var (groupId, seq) in baselines)
            _lastSent[groupId] = seq;
        output.Write(ready);
        await output.FlushAsync(aborted);
        foreach (var (groupId, seq) in since)
        {
            _lastSent[groupId] = seq;
            await CatchUpAsync(output, groupId, long.MaxValue, aborted);
        }

        await output.FlushAsync(aborted);
        lock (_gate)
        {
            _live = true;
            _scheduled = _pending.Count > 0;
        }

        if (_scheduled)
            flusher.Schedule(this);
        await _finished.Task;
    }

    /// <summary>Called by the flusher, never twice at once: writes every pending frame, then one flush.</summary>
    internal ValueTask WritePendingAsync()
    {
        List<LiveItem> batch;
        lock (_gate)
        {
            batch = _pending;
            _pending = _spare;
        }

        if (_closed || _output is not { } output)
            return ValueTask.CompletedTask;

        for (var i = 0; i < batch.Count; i++)
        {
            if (!TryWrite(output, batch[i]))
                return WriteSlowAsync(output, batch, i);
        }

        var flush = output.FlushAsync();
        if (!flush.IsCompletedSuccessfully)
            return FinishFlushAsync(flush, batch);
        Done(batch);
        return ValueTask.CompletedTask;
    }

    private async ValueTask WriteSlowAsync(PipeWriter output, List<LiveItem> batch, int from)
    {
        try
        {
            for (var i = from; i < batch.Count && !_closed; i++)
            {
                if (TryWrite(output, batch[i]))
                    continue;
                await CatchUpAsync(output, batch[i].GroupId!, batch[i].Seq - 1, CancellationToken.None);
                TryWrite(output, batch[i]);
            }

            await FinishFlushAsync(output.FlushAsync(), batch);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The client reconnects with its last sequence and catches up from history.
            logger.LogWarning(ex, "Filling a gap for {User} failed; closing the live connection", UserId);
            Close();
        }
    }

    private async ValueTask FinishFlushAsync(ValueTask<FlushResult> flush, List<LiveItem> batch)
    {
        await flush;
        Done(batch);
    }

    /// <summary>Returns the written batch for reuse and reschedules if frames arrived meanwhile.</summary>
    private void Done(List<LiveItem> batch)
    {
        batch.Clear();
        bool again;
        bool finished;
        lock (_gate)
        {
            _spare = batch;
            again = _pending.Count > 0 && !_closed;
            _scheduled = again;
            finished = _closeWhenWritten && !again;
        }

        if (finished)
        {
            Close();
            return;
        }

        if (again)
            flusher.Schedule(this);
    }

    /// <summary>
    /// Writes the item in stream order: a message already sent is skipped; a message after a gap is not written
    /// (false: fill the gap from history first). One dictionary lookup per message, the hot path of fan-out.
    /// </summary>
    private bool TryWrite(PipeWriter output, LiveItem item)
    {
        if (item.GroupId is not { } groupId)
        {
            output.Write(item.Frame.Span);
            return true;
        }

        if (item.IsSubscription)
        {
            // Unsubscribed: no pushes, so no gaps to fill. Subscribed again: resume after the group's current end.
            if (item.Resume is { } resume)
                _lastSent[groupId] = Math.Max(resume, _lastSent.GetValueOrDefault(groupId));
            else
                _lastSent.Remove(groupId);
            output.Write(item.Frame.Span);
            return true;
        }

        ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_lastSent, groupId, out var streaming);
        if (streaming && item.Seq > last + 1)
            return false;
        if (!streaming || item.Seq > last)
        {
            output.Write(item.Frame.Span);
            last = item.Seq;
        }

        return true;
    }

    /// <summary>Writes the group's stored messages after the last one sent, up to <paramref name="upTo"/>.</summary>
    private async Task CatchUpAsync(PipeWriter output, string groupId, long upTo, CancellationToken token)
    {
        var group = grains.GetGrain<IGroupGrain>(groupId);
        while (!_closed)
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
