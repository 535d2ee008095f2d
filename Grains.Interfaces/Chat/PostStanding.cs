namespace Grains.Interfaces.Chat;

/// <summary>
/// What a shard knows of someone about to post: their row if they are a member (name, role, subscribed), whether
/// they are banned, and how long until the rate limiter lets them post when it refused. The shard decides nothing;
/// the group decides with this, its settings and the content (see <c>Grains.Chat.Posting.PostAdmission</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.PostStanding")]
public sealed record PostStanding(
    [property: Id(0)] MemberView? Member,
    [property: Id(1)] bool Banned,
    [property: Id(2)] TimeSpan? RateLimitedFor);
