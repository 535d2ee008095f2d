using Grains.Chat.Members;
using Grains.Chat.Moderation;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Chat.Posting;

/// <summary>
/// Whether a post (or a command) goes in, decided once from the group's settings, what <see cref="ContentPolicy"/>
/// said of the content, and the poster's <see cref="PostStanding"/> in their shard. The first rule that fails
/// decides: not a member (or banned), unsubscribed, content for moderators only (mute-all, the link filter, the QR filter),
/// then the rate limit. Refusals use the group's own wording from its templates.
/// </summary>
public static class PostAdmission
{
    public static PostDecision Decide(GroupSettings settings, ModeratorReason content, PostStanding standing)
    {
        if (standing.Member is not { } member)
            return new PostDecision(null, standing.Banned ? MemberRefusals.Banned() : MemberRefusals.NotMember());

        var name = member.Username;
        if (!member.Subscribed)
        {
            var tip = TemplateFormatter.ForGroup(settings, settings.Templates.UnsubscribedTip, name);
            return new PostDecision(name, MemberRefusals.Unsubscribed(tip), tip);
        }

        if (content != ModeratorReason.None && !MemberRoles.IsModerator(member.Role))
        {
            if (content == ModeratorReason.QrCode)
            {
                var qrTip = TemplateFormatter.ForGroup(settings, settings.Templates.QrRefusedOrDefault, name);
                return new PostDecision(name, DomainException.Unprocessable(ErrorCodes.QrRefused, qrTip), qrTip);
            }

            return new PostDecision(name, content == ModeratorReason.MuteAll
                ? DomainException.Forbidden(ErrorCodes.Muted, TemplateFormatter.ForGroup(settings, settings.Templates.MuteNotice, name))
                : DomainException.Unprocessable(ErrorCodes.LinkRefused, "This group does not accept links from members."));
        }

        if (standing.RateLimitedFor is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            var tip = TemplateFormatter.ForGroup(settings, settings.Templates.TooFrequent, name, retryAfterSeconds: seconds);
            return new PostDecision(name, DomainException.TooMany(ErrorCodes.TooFrequent, tip, wait), tip);
        }

        return new PostDecision(name, null);
    }

    /// <summary>
    /// Whether a post spends one of the member's rate-limit tokens: only one that nothing above the rate limit
    /// refuses, from a member who is not exempt (moderators are). The shard asks before it takes the token.
    /// </summary>
    public static bool ChargesRateLimit(MemberView member, bool moderatorOnly) =>
        member.Subscribed && !moderatorOnly && !MemberRoles.IsModerator(member.Role);
}
