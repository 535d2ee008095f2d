namespace Grains.Interfaces.Accounts;

/// <summary>One account (key: the username in lower case, so names are unique regardless of case).</summary>
[Alias("Accounts.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Registers the account; 409 if the name is taken.</summary>
    Task<AccountRecord> CreateAsync(string username, string passwordHash);

    Task<AccountRecord?> GetAsync();
}
