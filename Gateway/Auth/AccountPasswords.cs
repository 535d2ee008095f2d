using Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Gateway.Auth;

/// <summary>Salted slow hashes (ASP.NET Core Identity's PBKDF2 format); hashing runs here, on the gateway, not in a grain.</summary>
public sealed class AccountPasswords
{
    private static readonly AccountRecord Nobody = new("", "", "", DateTimeOffset.UnixEpoch);
    private readonly PasswordHasher<AccountRecord> _hasher = new();

    // Verified when the account does not exist, so a wrong name costs as long as a wrong password.
    private readonly string _decoy;

    public AccountPasswords() => _decoy = _hasher.HashPassword(Nobody, Guid.NewGuid().ToString());

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    public bool Verify(AccountRecord? account, string password)
    {
        var result = _hasher.VerifyHashedPassword(Nobody, account?.PasswordHash ?? _decoy, password);
        return account is not null && result != PasswordVerificationResult.Failed;
    }
}
