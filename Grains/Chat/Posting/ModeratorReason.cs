namespace Grains.Chat.Posting;

/// <summary>Why a message may only be posted by a moderator right now.</summary>
public enum ModeratorReason
{
    None,
    MuteAll,
    Link,

    /// <summary>An image holding a QR code (or one that cannot be checked) while the group's QR filter is on.</summary>
    QrCode,
}
