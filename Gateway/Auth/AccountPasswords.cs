using Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>
/// Salted slow hashes (ASP.NET Core Identity's PBKDF2-HMAC-SHA512 format, iterations from <see cref="AuthOptions"/>);
/// hashing runs here, on the gateway, not in a grain.
/// </summary>
public sealed class AccountPasswords
{
    private static readonly AccountRecord Nobody = new("", "", "", DateTimeOffset.UnixEpoch);
    private readonly PasswordHasher<AccountRecord> _hasher;

    // Verified when the account does not exist, so a wrong name costs as long as a wrong password.
    private readonly string _decoy;

    public AccountPasswords(AuthOptions options)
    {
        _hasher = new PasswordHasher<AccountRecord>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.PasswordHashIterations,
        }));
        _decoy = _hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
    }

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    public PasswordCheck Verify(AccountRecord? account, string password)
    {
        var result = _hasher.VerifyHashedPassword(Nobody, account?.PasswordHash ?? _decoy, password);
        return account is null || result == PasswordVerificationResult.Failed ? PasswordCheck.Wrong
            : result == PasswordVerificationResult.SuccessRehashNeeded ? PasswordCheck.RightButRehash
            : PasswordCheck.Right;
    }
}
