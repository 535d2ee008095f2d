using Grains.Interfaces.Chat;

namespace Grains.Storage;

/// <summary>
/// The append-only message history. <see cref="AppendAsync"/> completes only once the message is durable;
/// appends of one group are stored in the order they were made (a recall entry also marks its target recalled).
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Stores the message and returns what is stored: the message itself or, if the sender already stored one
    /// with the same client id, that first message (nothing new is stored; the store enforces this, so it holds
    /// even across two activations of a group). Throws <see cref="SequenceConflictException"/> if the sequence
    /// number is taken.
    /// </summary>
    Task<ChatMessage> AppendAsync(ChatMessage message);

    Task<IReadOnlyList<ChatMessage>> ReadAfterAsync(string groupId, long afterSeq, int limit);

    /// <summary>Up to <paramref name="limit"/> messages before <paramref name="beforeSeq"/>, in ascending order.</summary>
    Task<IReadOnlyList<ChatMessage>> ReadBeforeAsync(string groupId, long beforeSeq, int limit);

    Task<ChatMessage?> GetAsync(string groupId, long seq);

    Task<long> GetLastSeqAsync(string groupId);
}
