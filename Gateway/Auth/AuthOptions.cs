using System.ComponentModel.DataAnnotations;
using Silo.Hosting.Settings;

namespace Gateway.Auth;

/// <summary>
/// Settings under <c>Auth</c> (environment: <c>Auth__SigningKey</c> …). Every gateway of a cluster must have the
/// same <see cref="SigningKey"/>, or a token from one is refused by the others. Checked by <see cref="AuthRules"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const int MinKeyBytes = 32;

    /// <summary>HMAC-SHA256 key, at least 32 bytes of UTF-8. Required in Client mode; generated per process when embedded.</summary>
    [SecretSetting]
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "chain-chat";

    [Required]
    public string Audience { get; set; } = "chain-chat";

    [Range(1, 60 * 24 * 30)]
    public int TokenLifetimeMinutes { get; set; } = 60;

    /// <summary>Sign-up and sign-in attempts allowed per client address per minute.</summary>
    [Range(1, int.MaxValue)]
    public int AttemptsPerMinute { get; set; } = 60;

    /// <summary>Failed sign-ins allowed per account within <see cref="FailedSignInWindowSeconds"/>, counted across every gateway.</summary>
    [Range(1, int.MaxValue)]
    public int FailedSignInsPerAccount { get; set; } = 10;

    [Range(1, int.MaxValue)]
    public int FailedSignInWindowSeconds { get; set; } = 300;

    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations for new password hashes (OWASP's figure: 210,000). Hashes made with fewer are
    /// replaced at the next successful sign-in. Lower it only for load tests that sign up thousands of users.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = OwaspPbkdf2Sha512Iterations;

    public const int OwaspPbkdf2Sha512Iterations = 210_000;
}
