namespace Grains.Interfaces.Payments;

/// <summary>
/// One red packet (key: packet id) and its escrow wallet, whose key only this grain holds. It funds itself from the
/// sender's wallet, opens when the funding is confirmed (the group announces it), takes claims (members only, once
/// each, recorded durably before any payout), pays each share from escrow with the share's index as the transaction
/// nonce (so no share can be paid twice), and refunds the rest when it expires.
/// </summary>
[Alias("Payments.IRedPacketGrain")]
public interface IRedPacketGrain : IGrainWithStringKey
{
    /// <summary>Creates and funds the packet (idempotent: the same packet id answers its view).</summary>
    [Alias("Create")]
    Task<RedPacketView> CreateAsync(RedPacketOrder order, int shardCount);

    /// <summary>The packet and its book, for a member of its group (or its sender).</summary>
    [Alias("Get")]
    Task<RedPacketView> GetAsync(string viewerId);

    /// <summary>
    /// Claims one share for a member of <paramref name="groupId"/>: 404 <c>packet_not_found</c> when the packet belongs to
    /// another group; 409 <c>already_claimed</c>, <c>packet_exhausted</c>, <c>packet_expired</c>, <c>packet_not_open</c>.
    /// </summary>
    [Alias("Claim")]
    Task<RedPacketClaimView> ClaimAsync(string groupId, string userId, string username);
}
