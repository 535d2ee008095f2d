using Microsoft.IdentityModel.Tokens;

namespace Gateway.Auth;

/// <summary>The key tokens are signed and checked with, and whether it was generated for this process only.</summary>
public sealed record SigningKeyMaterial(SymmetricSecurityKey Key, bool Generated);
