using Grains.Interfaces.Chat;

namespace Grains.Chat;

/// <summary>
/// Decides whether a user may join (throws a <see cref="Interfaces.Errors.DomainException"/> if not).
/// Open by default; pay-to-join plugs in here.
/// </summary>
public interface IJoinPolicy
{
    Task CheckAsync(string groupId, GroupSettings settings, MemberProfile member);
}
