namespace Gateway.Chat;

/// <summary>Body of <c>POST /api/groups</c>; <see cref="ShardCount"/> is fixed for the group's lifetime.</summary>
public sealed record CreateGroupRequest(
    string? Name,
    string? Description,
    int? ShardCount);
