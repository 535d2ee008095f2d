namespace Grains.Chat.Posting;

/// <summary>Why a message may only be posted by a moderator right now.</summary>
public enum ModeratorReason
{
    None,
    MuteAll,
    Link,
}
