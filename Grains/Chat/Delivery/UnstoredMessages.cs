using System.Diagnostics.CodeAnalysis;
using Grains.Interfaces.Chat;

namespace Grains.Chat.Delivery;

/// <summary>
/// Messages that took a sequence number but whose append failed (the database was out of reach). They keep their
/// numbers and are stored again, in order, until the store takes them, so a group's sequence never gets a hole
/// from a failed write. While any wait here, the group hands out no new number (a retry of the same post must
/// not take a second one), and a poster who retries with the same client id learns the outcome of the first.
/// </summary>
public sealed class UnstoredMessages
{
    private readonly SortedDictionary<long, (ChatMessage Message, TaskCompletionSource<ChatMessage> Stored)> _waiting = [];

    public bool IsEmpty => _waiting.Count == 0;

    public int Count => _waiting.Count;

    /// <summary>Keeps <paramref name="message"/> for another try; the task completes with what the store finally holds.</summary>
    public Task<ChatMessage> Park(ChatMessage message)
    {
        var stored = new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[message.Seq] = (message, stored);
        return stored.Task;
    }

    /// <summary>What will become of the parked message numbered <paramref name="seq"/>, if it is parked.</summary>
    public bool TryGet(long seq, [NotNullWhen(true)] out Task<ChatMessage>? stored)
    {
        var found = _waiting.TryGetValue(seq, out var entry);
        stored = found ? entry.Stored.Task : null;
        return found;
    }

    /// <summary>The parked message with the lowest number, the one to store next.</summary>
    public ChatMessage? Next => _waiting.Count == 0 ? null : _waiting.First().Value.Message;

    /// <summary>The store took the message numbered <paramref name="seq"/>.</summary>
    public void Stored(long seq, ChatMessage stored)
    {
        if (_waiting.Remove(seq, out var entry))
            entry.Stored.TrySetResult(stored);
    }

    /// <summary>The number was taken by another activation: the message was not stored and its poster may post it again.</summary>
    public void Lost(long seq, Exception reason)
    {
        if (_waiting.Remove(seq, out var entry))
        {
            entry.Stored.TrySetException(reason);
            _ = entry.Stored.Task.Exception; // observed: a poster who retries gets it, nobody else waits on it
        }
    }
}
