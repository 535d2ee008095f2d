namespace Grains.Interfaces.Chat;

[GenerateSerializer, Alias("Chat.PostVerdict")]
public enum PostVerdict
{
    Allowed = 0,
    NotMember = 1,
    Unsubscribed = 2,
    TooFrequent = 3,

    /// <summary>The content needs a moderator (mute-all, link filter) and the member is not one.</summary>
    NeedsModerator = 4,

    /// <summary>The user is banned from the group.</summary>
    Banned = 5,
}
