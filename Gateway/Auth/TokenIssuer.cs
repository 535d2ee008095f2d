using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Auth;

/// <summary>Issues HS256 JWTs: <c>sub</c> = user id, <c>name</c> = username, <c>stamp</c> = the account's security stamp.</summary>
public sealed class TokenIssuer(AuthOptions options, SigningKeyMaterial key, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public TimeSpan Lifetime => TimeSpan.FromMinutes(options.TokenLifetimeMinutes);

    public string Issue(string userId, string username, string stamp)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object> { [ChatClaims.UserId] = userId, [ChatClaims.Username] = username, [ChatClaims.Stamp] = stamp },
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
