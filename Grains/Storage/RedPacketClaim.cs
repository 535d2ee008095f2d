namespace Grains.Storage;

/// <summary>One claimed share as stored: the share's index (its payout's nonce), the claimant and where the payout goes.</summary>
public sealed record RedPacketClaim(string PacketId, int Index, string UserId, string Username, string Address, long Amount, DateTimeOffset ClaimedAt);
