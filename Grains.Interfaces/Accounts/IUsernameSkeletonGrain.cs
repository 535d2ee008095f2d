namespace Grains.Interfaces.Accounts;

/// <summary>
/// One confusable skeleton (key: the Unicode TR39 skeleton of a user id). The first account to claim it owns it,
/// so no later name that looks the same (Cyrillic 'а' for Latin 'a', '1' for 'l') can be registered.
/// </summary>
[Alias("Accounts.IUsernameSkeletonGrain")]
public interface IUsernameSkeletonGrain : IGrainWithStringKey
{
    /// <summary>Claims the skeleton for <paramref name="userId"/> if nobody holds it; returns the user id that holds it.</summary>
    [Alias("Claim")]
    Task<string> ClaimAsync(string userId);
}
