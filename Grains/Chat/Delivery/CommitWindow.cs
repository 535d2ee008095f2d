using Grains.Interfaces.Chat;

namespace Grains.Chat.Delivery;

/// <summary>
/// A group's message sequence between numbering and publishing. Posts take numbers in order, but their appends
/// finish in any order; a committed message waits here until every earlier number is committed too, then it is
/// released for fan-out, so members see messages in sequence order. A number that holds nothing to publish (a
/// failed append, a row another activation wrote) is committed empty: it only moves the window on.
/// </summary>
public sealed class CommitWindow(long lastStored)
{
    private readonly SortedDictionary<long, ChatMessage?> _waiting = [];
    private readonly List<ChatMessage> _released = [];
    private long _nextToRelease = lastStored + 1;

    /// <summary>The last number handed out.</summary>
    public long LastAssigned { get; private set; } = lastStored;

    /// <summary>The highest number whose message, and every one before it, is stored.</summary>
    public long LastCommitted => _nextToRelease - 1;

    public bool HasReleased => _released.Count > 0;

    public long Assign() => ++LastAssigned;

    public void Commit(long seq, ChatMessage? message)
    {
        _waiting[seq] = message;
        while (_waiting.Remove(_nextToRelease, out var next))
        {
            if (next is not null)
                _released.Add(next);
            _nextToRelease++;
        }
    }

    /// <summary>Another activation stored up to <paramref name="storedLast"/>: numbers up to there are used, with nothing of ours in them.</summary>
    public void SkipTo(long storedLast)
    {
        while (LastAssigned < storedLast)
            Commit(Assign(), null);
    }

    /// <summary>The released messages, in sequence order, handed over once.</summary>
    public ChatMessage[] TakeReleased()
    {
        var batch = _released.ToArray();
        _released.Clear();
        return batch;
    }

    /// <summary>Nobody is online to push to: released messages are dropped (members read them from history).</summary>
    public void DropReleased() => _released.Clear();
}
