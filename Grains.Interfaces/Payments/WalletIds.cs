namespace Grains.Interfaces.Payments;

/// <summary>
/// Keys of <see cref="IWalletGrain"/>: one custodial wallet per account, per group (its treasury) and per red packet
/// (its escrow). The prefixes keep the three apart; a user id never contains '/'.
/// </summary>
public static class WalletIds
{
    public static string ForUser(string userId) => "u/" + userId;

    public static string ForGroup(string groupId) => "g/" + groupId;

    public static string ForPacket(string packetId) => "p/" + packetId;

    public static bool IsUser(string walletId, out string userId)
    {
        userId = walletId.StartsWith("u/", StringComparison.Ordinal) ? walletId[2..] : string.Empty;
        return userId.Length > 0;
    }
}
