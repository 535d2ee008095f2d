using System.Collections.Concurrent;
using Grains.Interfaces.Chat;

namespace Grains.Storage;

/// <summary>The message store for embedded mode and tests: per group, a list in sequence order.</summary>
public sealed class InMemoryMessageStore : IMessageStore
{
    private readonly ConcurrentDictionary<string, List<ChatMessage>> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Group, string Sender, string ClientId), ChatMessage> _byClientId = new();

    public Task<ChatMessage> AppendAsync(ChatMessage message)
    {
        var list = _groups.GetOrAdd(message.GroupId, _ => []);
        lock (list)
        {
            if (message is { SenderId: { } sender, ClientId: { } clientId })
            {
                var first = _byClientId.GetOrAdd((message.GroupId, sender, clientId), message);
                if (!ReferenceEquals(first, message))
                    return Task.FromResult(list[IndexOf(list, first.Seq)]);
            }

            if (list.Count > 0 && list[^1].Seq >= message.Seq)
                throw new SequenceConflictException(message.GroupId, message.Seq);
            list.Add(message);
            if (message is { Kind: ChatEventKinds.Recall, RecallOf: { } target })
            {
                var index = IndexOf(list, target);
                if (index >= 0)
                    list[index] = Recalled(list[index]);
            }
        }

        return Task.FromResult(message);
    }

    public Task<IReadOnlyList<ChatMessage>> ReadAfterAsync(string groupId, long afterSeq, int limit)
    {
        if (!_groups.TryGetValue(groupId, out var list))
            return Task.FromResult<IReadOnlyList<ChatMessage>>([]);
        lock (list)
        {
            var start = LowerBound(list, afterSeq + 1);
            return Task.FromResult<IReadOnlyList<ChatMessage>>(list.Skip(start).Take(limit).ToArray());
        }
    }

    public Task<IReadOnlyList<ChatMessage>> ReadBeforeAsync(string groupId, long beforeSeq, int limit)
    {
        if (!_groups.TryGetValue(groupId, out var list))
            return Task.FromResult<IReadOnlyList<ChatMessage>>([]);
        lock (list)
        {
            var end = LowerBound(list, beforeSeq);
            var start = Math.Max(0, end - limit);
            return Task.FromResult<IReadOnlyList<ChatMessage>>(list.GetRange(start, end - start).ToArray());
        }
    }

    public Task<ChatMessage?> GetAsync(string groupId, long seq)
    {
        if (!_groups.TryGetValue(groupId, out var list))
            return Task.FromResult<ChatMessage?>(null);
        lock (list)
        {
            var index = IndexOf(list, seq);
            return Task.FromResult(index >= 0 ? list[index] : null);
        }
    }

    public Task<long> GetLastSeqAsync(string groupId)
    {
        if (!_groups.TryGetValue(groupId, out var list))
            return Task.FromResult(0L);
        lock (list)
            return Task.FromResult(list.Count == 0 ? 0 : list[^1].Seq);
    }

    internal static ChatMessage Recalled(ChatMessage message) => message with { Recalled = true, Text = null, Url = null, Contact = null, Media = null };

    private static int IndexOf(List<ChatMessage> list, long seq)
    {
        var index = LowerBound(list, seq);
        return index < list.Count && list[index].Seq == seq ? index : -1;
    }

    private static int LowerBound(List<ChatMessage> list, long seq)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].Seq < seq)
                lo = mid + 1;
            else
                hi = mid;
        }

        return lo;
    }
}
