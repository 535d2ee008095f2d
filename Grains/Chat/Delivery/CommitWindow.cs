using Grains.Interfaces.Chat;

namespace Grains.Chat.Delivery;

/// <summary>
/// A group's message sequence between numbering and publishing. Posts take numbers in order, but their appends
/// finish in any order; a committed message waits here until every earlier number is committed too, then it is
/// released for fan-out, so members see messages in sequence order. A number another activation filled is committed
/// empty: it only moves the window on. A number whose message was already stored under another one is given back.
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

    private readonly SortedSet<long> _free = [];

    /// <summary>The next number: one given back by <see cref="Release"/> first, so no number stays empty.</summary>
    public long Assign() => _free.Count > 0 && _free.Min is var reused && _free.Remove(reused) ? reused : ++LastAssigned;

    /// <summary>
    /// A number whose message turned out to be stored already under another number (a retry of a post another
    /// activation had stored): it holds nothing, so it is taken back (the last one) or handed to the next post.
    /// </summary>
    public void Release(long seq)
    {
        _free.Add(seq);
        while (_free.Remove(LastAssigned))
            LastAssigned--;
    }

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
            Commit(++LastAssigned, null);
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
