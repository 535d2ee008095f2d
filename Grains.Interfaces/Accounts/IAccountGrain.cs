namespace Grains.Interfaces.Accounts;

/// <summary>One account (key: the user id, the case-folded NFKC username, so names are unique regardless of case).</summary>
[Alias("Accounts.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Registers the account; 409 <c>username_taken</c>, or <c>username_confusable</c> when the name looks like another.</summary>
    [Alias("Create")]
    Task<AccountRecord> CreateAsync(string username, string passwordHash);

    [Alias("Get")]
    Task<AccountRecord?> GetAsync();

    /// <summary>
    /// The account to check a password against, unless <paramref name="limit"/> failed attempts were made within its
    /// window: then only the time to wait. Counts per account across every gateway.
    /// </summary>
    [Alias("BeginSignIn")]
    Task<SignInTicket> BeginSignInAsync(SignInLimit limit);

    /// <summary>A password check against this account failed.</summary>
    [Alias("SignInFailed")]
    Task SignInFailedAsync();

    /// <summary>Replaces the password hash when it is still <paramref name="expected"/> (a rehash at a higher work factor).</summary>
    [Alias("ReplacePasswordHash")]
    Task ReplacePasswordHashAsync(string expected, string replacement);

    /// <summary>Takes one unit of the account's quota for <paramref name="resource"/>; false when <paramref name="limit"/> are taken.</summary>
    [Alias("TryReserve")]
    Task<bool> TryReserveAsync(string resource, int limit);

    /// <summary>Gives back one unit of <paramref name="resource"/> (a creation that did not happen after all).</summary>
    [Alias("Release")]
    Task ReleaseAsync(string resource);
}
