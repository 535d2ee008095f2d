namespace Grains.Interfaces.Chat;

/// <summary>The member's row after a join, and whether this call added it (false: already a member).</summary>
[GenerateSerializer, Immutable, Alias("Chat.JoinResult")]
public sealed record JoinResult(
    [property: Id(0)] MemberView Member,
    [property: Id(1)] bool Joined);
