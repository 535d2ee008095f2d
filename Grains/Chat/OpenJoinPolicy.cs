using Grains.Interfaces.Chat;

namespace Grains.Chat;

/// <summary>Anyone who is not banned may join.</summary>
public sealed class OpenJoinPolicy : IJoinPolicy
{
    public Task CheckAsync(string groupId, GroupSettings settings, MemberProfile member) => Task.CompletedTask;
}
