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

    /// <summary>The gateway holding the member's live connection, or null when offline.</summary>
    public string? Gateway { get; set; }
}
