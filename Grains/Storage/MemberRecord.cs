namespace Grains.Storage;

/// <summary>One member's row in one group (a banned user keeps a row with <see cref="Banned"/> set).</summary>
public sealed record MemberRecord(
    string GroupId,
    int Shard,
    string UserId,
    string Username,
    string Role,
    bool Subscribed,
    bool Banned,
    DateTimeOffset JoinedAt,
    long LastReadSeq);
