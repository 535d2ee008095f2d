using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Auth;

/// <summary>The key tokens are signed and checked with, and whether it was generated for this process only.</summary>
public sealed record SigningKeyMaterial(SymmetricSecurityKey Key, bool Generated)
{
    /// <summary>The configured key, or one generated for this process when none is configured (embedded mode).</summary>
    public static SigningKeyMaterial For(AuthOptions options) =>
        string.IsNullOrEmpty(options.SigningKey)
            ? new SigningKeyMaterial(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(AuthOptions.MinKeyBytes)), Generated: true)
            : new SigningKeyMaterial(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)), Generated: false);
}
