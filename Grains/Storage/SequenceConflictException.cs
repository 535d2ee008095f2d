namespace Grains.Storage;

/// <summary>
/// The sequence number was already taken by another message: two activations of one group existed for a
/// moment (a silo died and its part of the grain directory was lost). The post was not stored.
/// </summary>
public sealed class SequenceConflictException(string groupId, long seq)
    : Exception($"group {groupId} already has a message {seq}")
{
    public string GroupId { get; } = groupId;
    public long Seq { get; } = seq;
}
