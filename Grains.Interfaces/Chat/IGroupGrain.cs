namespace Grains.Interfaces.Chat;

/// <summary>
/// One group (key: group id): settings, operators, counters and the message sequence. A post gets the next
/// sequence number, is stored (batched with concurrent posts) and only then acknowledged and fanned out
/// to the shards that have members online.
/// </summary>
[Alias("Chat.IGroupGrain")]
public interface IGroupGrain : IGrainWithStringKey
{
    Task<GroupView> CreateAsync(CreateGroupCommand command);

    /// <summary>Settings, roles and counters (any signed-in user may look).</summary>
    Task<GroupView> GetAsync();

    Task<GroupView> UpdateSettingsAsync(string userId, GroupSettingsPatch patch);

    /// <summary>Only the owner adds and removes operators; the user must be a member.</summary>
    Task SetOperatorAsync(string ownerId, string userId, bool isOperator);

    /// <summary>Joins a free group (409 <c>join_pending</c> for a paid group whose payment is not confirmed yet).</summary>
    Task<MemberView> JoinAsync(MemberProfile member);

    /// <summary>
    /// Joins, paying the group's join price when it has one: from the member's custodial wallet, or with
    /// <paramref name="signedPayment"/> (a self-custody wallet's own transaction to the treasury, memo <c>join:</c>).
    /// A paid join is pending until the payment has the configured confirmations; then the member is admitted.
    /// </summary>
    Task<JoinOutcome> RequestJoinAsync(MemberProfile member, Grains.Interfaces.Chain.TransactionData? signedPayment);

    /// <summary>
    /// A member tips the author of message <paramref name="seq"/>: a payment from the tipper's wallet (idempotent by
    /// client id), announced in the group as a system message.
    /// </summary>
    Task<TipView> TipAsync(string tipperId, string tipperName, long seq, long amount, string clientId);

    /// <summary>The tips on a message with their confirmations (members).</summary>
    Task<TipView[]> GetTipsAsync(string userId, long seq);

    /// <summary>
    /// A member sends a red packet: checks the group's rules (member, type allowed, share count, total, expiry), then the
    /// packet grain funds it from the member's wallet. Idempotent by client id (the packet id derives from it).
    /// </summary>
    Task<Grains.Interfaces.Payments.RedPacketView> CreateRedPacketAsync(Grains.Interfaces.Payments.RedPacketOrder order);

    /// <summary>The packet's funding is confirmed: posts its <c>red_packet</c> message (once) and returns the message's seq.</summary>
    Task<long> AnnounceRedPacketAsync(string packetId, string senderId, string senderName, string greeting);

    /// <summary>The group's join payments, newest first (owner and operators).</summary>
    Task<JoinPaymentView[]> GetJoinPaymentsAsync(string moderatorId);

    Task LeaveAsync(string userId);

    Task SetSubscriptionAsync(string userId, bool subscribed);

    Task KickAsync(string moderatorId, string userId);

    Task BanAsync(string moderatorId, string userId);

    Task UnbanAsync(string moderatorId, string userId);

    Task<PostOutcome> PostAsync(string userId, MessageDraft draft);

    /// <summary>Whether the user is a member now (uploads posted here are readable by members).</summary>
    Task<bool> HasMemberAsync(string userId);

    /// <summary>The author or a moderator recalls message <paramref name="seq"/>; returns the recall entry.</summary>
    Task<ChatMessage> RecallAsync(string userId, long seq);

    /// <summary>History for a member: <paramref name="after"/> or <paramref name="before"/> a sequence number.</summary>
    Task<HistoryPage> GetHistoryAsync(string userId, long? after, long? before, int limit);

    /// <summary>The last sequence number stored with every earlier one: a live connection's starting point.</summary>
    Task<long> GetLastSeqAsync();

    /// <summary>
    /// Catch-up read for a user's live stream: the same rule as history (a subscribed member; 403 otherwise), so a
    /// stream never shows what history would refuse.
    /// </summary>
    Task<ChatMessage[]> ReadAfterAsync(string userId, long after, int limit);

    Task<ReadState> SetLastReadAsync(string userId, long seq);

    Task<ReadState> GetReadStateAsync(string userId);

    Task<MemberPage> ListMembersAsync(string userId, string? query, string? cursor, int limit);

    /// <summary>
    /// Bulk import (migrations, tests, benchmarks): the same shard code as a join, one store write per shard,
    /// no join notices. <paramref name="indexMembers"/> also records the group in each member's grain.
    /// </summary>
    Task ImportMembersAsync(MemberProfile[] members, bool indexMembers);

    /// <summary>A shard says whether it has subscribed members online, so posts skip shards with nobody to push to.</summary>
    Task ShardLiveChangedAsync(int shard, bool live);
}
