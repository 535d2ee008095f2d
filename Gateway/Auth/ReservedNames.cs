using Grains.Interfaces.Accounts;

namespace Gateway.Auth;

/// <summary>User ids nobody may sign up with: the operator's, so no one can claim the owner of the tutorial's nodes.</summary>
public sealed class ReservedNames
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public ReservedNames(OperatorOptions options)
    {
        OperatorId = AccountNames.UserIdFor(options.Username);
        _ids.Add(OperatorId);
    }

    /// <summary>The operator's user id.</summary>
    public string OperatorId { get; }

    public bool Contains(string userId) => _ids.Contains(userId);
}
