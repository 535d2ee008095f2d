namespace Gateway.Live;

/// <summary>
/// One frame queued for a connection: a group's message (<see cref="GroupId"/> and <see cref="Seq"/>), a private
/// note (no group: bypasses the sequence checks), or a subscription change (<see cref="Resume"/>: null when the
/// user stopped receiving the group, else the sequence the group's stream resumes after).
/// </summary>
public readonly record struct LiveItem(string? GroupId, long Seq, ReadOnlyMemory<byte> Frame, bool IsSubscription = false, long? Resume = null);
