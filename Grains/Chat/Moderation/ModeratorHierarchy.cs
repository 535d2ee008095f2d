using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Chat.Moderation;

/// <summary>
/// Who may moderate whom in a group: the owner and the operators moderate; operators moderate members; only the
/// owner moderates operators and appoints them; nobody moderates the owner.
/// </summary>
public sealed class ModeratorHierarchy(string ownerId, IReadOnlySet<string> operators)
{
    public bool IsModerator(string userId) => userId == ownerId || operators.Contains(userId);

    public string RoleOf(string userId) =>
        userId == ownerId ? MemberRoles.Owner : operators.Contains(userId) ? MemberRoles.Operator : MemberRoles.Member;

    public void RequireModerator(string userId)
    {
        if (!IsModerator(userId))
            throw DomainException.Forbidden(ErrorCodes.ModeratorsOnly, "Only the owner and operators can do this.");
    }

    public void RequireModeratorOver(string moderatorId, string userId)
    {
        RequireModerator(moderatorId);
        if (userId == ownerId || (operators.Contains(userId) && moderatorId != ownerId))
            throw DomainException.Forbidden(ErrorCodes.CannotModerate, "Operators can only be moderated by the owner, and the owner by nobody.");
    }

    /// <summary>Only the owner adds and removes operators, and the owner's own role cannot change.</summary>
    public void RequireCanAppoint(string appointerId, string userId)
    {
        if (appointerId != ownerId)
            throw DomainException.Forbidden(ErrorCodes.OwnerOnly, "Only the owner adds and removes operators.");
        if (userId == ownerId)
            throw DomainException.Invalid(ErrorCodes.OwnerRoleFixed, "The owner is always a moderator.");
    }
}
