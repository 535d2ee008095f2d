namespace Grains.Interfaces.Chat;

/// <summary>
/// One slice of a group's members (key: shard number + group id): role, subscribed, joined at, last read,
/// which gateway each online member is on, and fan-out of the group's messages to that slice, once per gateway.
/// </summary>
[Alias("Chat.IMessageShardGrain")]
public interface IMessageShardGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>Adds the member (refused while banned); returns the row and whether it already existed.</summary>
    Task<JoinResult> JoinAsync(MemberProfile member, string role);

    Task ImportAsync(MemberProfile[] members);

    Task<MemberView?> GetMemberAsync(string userId);

    /// <summary>Removes a member (leave, kick); false if there was none.</summary>
    Task<bool> RemoveAsync(string userId);

    Task BanAsync(string userId);

    Task<bool> UnbanAsync(string userId);

    Task<bool> SetSubscribedAsync(string userId, bool subscribed);

    Task<bool> SetRoleAsync(string userId, string role);

    Task<bool> SetLastReadAsync(string userId, long seq);

    /// <summary>
    /// The poster's standing. Takes a rate-limit token only from a post nothing else would refuse: a subscribed
    /// member who is not exempt, and content that is not for moderators only (<paramref name="moderatorOnly"/>).
    /// </summary>
    Task<PostStanding> GetPostStandingAsync(string userId, RateLimitSettings rateLimit, bool moderatorOnly);

    Task<ShardCounts> GetCountsAsync();

    /// <summary>Members ordered by user id after <paramref name="afterUserId"/>, optionally filtered by name.</summary>
    Task<MemberView[]> ListAsync(string? query, string? afterUserId, int limit);

    /// <summary>Fan-out: one call per gateway with that gateway's subscribed online members.</summary>
    [Orleans.Concurrency.OneWay]
    Task DeliverAsync(ChatMessage[] messages);

    /// <summary>A note to one member only (command answers, tips, the welcome text), on every gateway the member is on.</summary>
    Task SendPrivateAsync(string userId, ChatMessage message);

    /// <summary>Records that a member has (or no longer has) live connections on <paramref name="gatewayId"/>.</summary>
    Task SetPresenceAsync(string userId, string gatewayId, bool online);

    Task<bool> IsBannedAsync(string userId);

    Task<bool> HasLiveRecipientsAsync();
}
