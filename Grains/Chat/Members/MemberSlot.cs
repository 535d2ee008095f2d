using Grains.Interfaces.Chat;
using Grains.Storage;

namespace Grains.Chat.Members;

/// <summary>
/// One member in a shard's memory, kept small because a large group has millions: the name is stored only
/// when it differs from the user id, times as ticks.
/// </summary>
internal sealed class MemberSlot
{
    public string? DisplayName { get; set; }
    public string Role { get; set; } = MemberRoles.Member;
    public bool Subscribed { get; set; }
    public long JoinedAtTicks { get; set; }
    public long LastReadSeq { get; set; }

    /// <summary>The gateways holding the member's live connections (several tabs may sit on several), or null when offline.</summary>
    public string[]? Gateways { get; set; }

    public static MemberSlot Joining(MemberProfile member, string role, DateTimeOffset now) => new()
    {
        DisplayName = member.Username == member.UserId ? null : member.Username,
        Role = role,
        Subscribed = true,
        JoinedAtTicks = now.UtcTicks,
    };

    public static MemberSlot From(MemberRecord row) => new()
    {
        DisplayName = row.Username == row.UserId ? null : row.Username,
        // Roles repeat across millions of rows: share the one string.
        Role = string.IsInterned(row.Role) ?? row.Role,
        Subscribed = row.Subscribed,
        JoinedAtTicks = row.JoinedAt.UtcTicks,
        LastReadSeq = row.LastReadSeq,
    };

    public string NameOf(string userId) => DisplayName ?? userId;

    public MemberRecord ToRecord(string groupId, int shard, string userId) => new(
        groupId, shard, userId, NameOf(userId), Role, Subscribed, Banned: false, new DateTimeOffset(JoinedAtTicks, TimeSpan.Zero), LastReadSeq);

    public MemberView ToView(string userId) => new(
        userId, NameOf(userId), Role, Subscribed, new DateTimeOffset(JoinedAtTicks, TimeSpan.Zero), LastReadSeq);
}
