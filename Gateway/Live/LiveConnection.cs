using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Text;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Gateway.Live;

/// <summary>
/// One live stream. Frames wait here until the <see cref="LiveFlusher"/> writes them, all pending frames in one write.
/// The connection keeps its position (last sequence sent) in every group it streams: a duplicate is dropped, and a gap
/// (a push that never came, or came late) is filled from history before the next frame, so the client sees every
/// group's messages in order with no gap and no duplicate. Each group event's SSE id is the whole position, every
/// group's, as <c>g1:12,g2:40</c>: the <c>Last-Event-ID</c> a browser sends back on reconnect resumes all of them.
/// </summary>
public sealed class LiveConnection(string userId, IGrainFactory grains, LiveFlusher flusher, ILogger logger)
{
    /// <summary>A client this far behind is cut off; it reconnects and catches up from history.</summary>
    public const int QueueCapacity = 20_000;

    private const int CatchUpPage = 200;
    private static readonly byte[] IdPrefix = "id: "u8.ToArray();

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<LiveItem> _pending = [];
    private List<LiveItem> _spare = [];
    private Position? _lastPosition;
    private PipeWriter? _output;
    private bool _scheduled;
    private bool _live;
    private volatile bool _closed;
    private bool _closeWhenWritten;

    public string UserId { get; } = userId;

    public void Enqueue(LiveItem item) => Enqueue(new ReadOnlySpan<LiveItem>(in item));

    /// <summary>Queues a batch's frames under one lock; the first frames since the last write schedule a flush.</summary>
    public void Enqueue(ReadOnlySpan<LiveItem> items)
    {
        lock (_gate)
        {
            if (_pending.Count + items.Length > QueueCapacity)
            {
                logger.LogWarning("Live connection of {User} fell {Capacity} frames behind; closing it", UserId, QueueCapacity);
                Close();
                return;
            }

            _pending.AddRange(items);
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
    /// Writes the ready event, then, per group, what the client missed after its position in <paramref name="starts"/>
    /// (read under the same rule as history: a member who may not read the group gets nothing of it), then stays live
    /// until closed.
    /// </summary>
    public async Task RunAsync(PipeWriter output, byte[] ready, IReadOnlyDictionary<string, (long Start, long Last)> starts, CancellationToken aborted)
    {
        using var registration = aborted.Register(Close);
        _output = output;
        foreach (var (groupId, (start, _)) in starts)
            _positions[groupId] = new Position(groupId, start);
        output.Write(ready);
        await output.FlushAsync(aborted);
        foreach (var (groupId, (start, last)) in starts)
        {
            if (start < last)
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
                if (await CatchUpAsync(output, batch[i].GroupId!, batch[i].Seq - 1, CancellationToken.None))
                    TryWrite(output, batch[i]);
            }

            await FinishFlushAsync(output.FlushAsync(), batch);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The client reconnects with its last position and catches up from history.
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
            {
                if (_positions.TryGetValue(groupId, out var known))
                    known.Seq = Math.Max(resume, known.Seq);
                else
                    _positions[groupId] = new Position(groupId, resume);
            }
            else
            {
                Forget(groupId);
            }

            output.Write(item.Frame.Span);
            return true;
        }

        if (!TryGetPosition(groupId, out var position))
        {
            // A group joined while connected: its stream starts here.
            _positions[groupId] = position = new Position(groupId, item.Seq);
        }
        else if (item.Seq > position.Seq + 1)
        {
            return false;
        }
        else if (item.Seq <= position.Seq)
        {
            return true;
        }

        position.Seq = item.Seq;
        WriteGroupEvent(output, item.Frame.Span);
        return true;
    }

    /// <summary>
    /// Writes the group's stored messages after the position, up to <paramref name="upTo"/>. False when the user may not
    /// read the group (unsubscribed, left, banned): the group is dropped from this stream.
    /// </summary>
    private async Task<bool> CatchUpAsync(PipeWriter output, string groupId, long upTo, CancellationToken token)
    {
        var group = grains.GetGrain<IGroupGrain>(groupId);
        while (!_closed)
        {
            token.ThrowIfCancellationRequested();
            if (!_positions.TryGetValue(groupId, out var position))
                return false;
            if (position.Seq >= upTo)
                return true;
            ChatMessage[] page;
            try
            {
                page = await group.ReadAfterAsync(UserId, position.Seq, CatchUpPage);
            }
            catch (DomainException ex) when (ex.Kind is ErrorKind.Forbidden or ErrorKind.NotFound)
            {
                Forget(groupId);
                return false;
            }

            foreach (var message in page)
            {
                if (message.Seq > upTo)
                    return true;
                position.Seq = message.Seq;
                WriteGroupEvent(output, LiveFrames.ItemFor(message).Frame.Span);
            }

            if (page.Length < CatchUpPage)
            {
                // Stored messages end here; anything later arrives live. A sequence number whose post failed is never stored.
                if (upTo != long.MaxValue)
                    position.Seq = Math.Max(position.Seq, upTo);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The SSE id line (every group's position), then the shared frame, written into one span of the pipe: each
    /// GetSpan/Advance on a response body takes Kestrel's lock, so a delivery takes it once, not once per field.
    /// </summary>
    private void WriteGroupEvent(PipeWriter output, ReadOnlySpan<byte> frame)
    {
        var most = IdPrefix.Length + 1 + frame.Length;
        foreach (var position in _positions.Values)
            most += position.GroupIdUtf8.Length + 22;

        var span = output.GetSpan(most);
        IdPrefix.CopyTo(span);
        var at = IdPrefix.Length;
        var first = true;
        foreach (var position in _positions.Values)
        {
            if (!first)
                span[at++] = (byte)',';
            first = false;
            position.GroupIdUtf8.CopyTo(span[at..]);
            at += position.GroupIdUtf8.Length;
            span[at++] = (byte)':';
            Utf8Formatter.TryFormat(position.Seq, span[at..], out var digits);
            at += digits;
        }

        span[at++] = (byte)'\n';
        frame.CopyTo(span[at..]);
        output.Advance(at + frame.Length);
    }

    /// <summary>
    /// The group's position; the group last asked for is answered without hashing, since consecutive frames of a
    /// connection are mostly of one group.
    /// </summary>
    private bool TryGetPosition(string groupId, [NotNullWhen(true)] out Position? position)
    {
        if (_lastPosition is { } last && string.Equals(last.GroupId, groupId, StringComparison.Ordinal))
        {
            position = last;
            return true;
        }

        if (!_positions.TryGetValue(groupId, out position))
            return false;
        _lastPosition = position;
        return true;
    }

    private void Forget(string groupId)
    {
        _positions.Remove(groupId);
        _lastPosition = null;
    }

    private sealed class Position(string groupId, long seq)
    {
        public string GroupId { get; } = groupId;

        public byte[] GroupIdUtf8 { get; } = Encoding.UTF8.GetBytes(groupId);

        public long Seq { get; set; } = seq;
    }
}
