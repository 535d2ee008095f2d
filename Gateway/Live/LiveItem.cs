namespace Gateway.Live;

/// <summary>
/// One frame queued for a connection: a group's message (<see cref="Seq"/> &gt; 0), or a private note or
/// heartbeat (<see cref="Seq"/> = 0) that bypasses the sequence checks.
/// </summary>
public readonly record struct LiveItem(string? GroupId, long Seq, ReadOnlyMemory<byte> Frame);
