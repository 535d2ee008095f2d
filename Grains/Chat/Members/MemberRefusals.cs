using Grains.Interfaces.Errors;

namespace Grains.Chat.Members;

/// <summary>
/// The refusals for someone without the standing a request needs, worded once: whether they post, read
/// history, change their subscription or try to join again.
/// </summary>
public static class MemberRefusals
{
    public static DomainException NotMember() => DomainException.Forbidden(ErrorCodes.NotMember, "Join the group first.");

    public static DomainException Banned() => DomainException.Forbidden(ErrorCodes.Banned, "You are banned from this group.");

    /// <summary>An unsubscribed member neither sends nor reads; <paramref name="tip"/> is the group's own wording.</summary>
    public static DomainException Unsubscribed(string tip) => DomainException.Forbidden(ErrorCodes.Unsubscribed, tip);
}
