namespace Grains.Chat;

/// <summary>
/// One member in a shard's memory, kept small because a large group has millions: the name is stored only
/// when it differs from the user id, times as ticks.
/// </summary>
internal sealed class MemberSlot
{
    public string? DisplayName { get; set; }
    public string Role { get; set; } = Interfaces.Chat.MemberRoles.Member;
    public bool Subscribed { get; set; }
    public long JoinedAtTicks { get; set; }
    public long LastReadSeq { get; set; }

    /// <summary>The gateways holding the member's live connections (several tabs may sit on several), or null when offline.</summary>
    public string[]? Gateways { get; set; }
}
