using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>Authorization header values that must never authenticate: junk, wrong schemes, and JWTs forged in ways the server must see through.</summary>
public static class ForgedTokens
{
    public static IReadOnlyList<string> Headers(string ownerId, string ownerName, string signingKey)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        object Claims(object? sub, object? stamp, long expires) => new Dictionary<string, object?>
        {
            ["sub"] = sub, ["name"] = ownerName, ["stamp"] = stamp, ["iss"] = "chain-chat", ["aud"] = "chain-chat",
            ["iat"] = now, ["nbf"] = now, ["exp"] = expires,
        };

        return
        [
            "Bearer garbage",
            "Bearer a.b.c",
            "Bearer",
            "Basic Zm9vOmJhcg==",
            "Bearer " + new string('x', 5000),
            "Bearer " + Jwt(Claims(ownerId, "stamp", now + 3600), "another-signing-key-that-is-long-enough-0123"),
            "Bearer " + Jwt(Claims(ownerId, "not-the-accounts-stamp", now + 3600), signingKey),
            "Bearer " + Jwt(Claims(ownerId, "stamp", now - 3600), signingKey),
            "Bearer " + Jwt(Claims("../../x", "stamp", now + 3600), signingKey),
            "Bearer " + Jwt(Claims(new[] { ownerId, "x" }, new { a = 1 }, now + 3600), signingKey),
            "Bearer " + Jwt(Claims(ownerId, null, now + 3600), signingKey),
            "Bearer " + Unsigned(Claims(ownerId, "stamp", now + 3600)),
        ];
    }

    private static string Jwt(object claims, string key)
    {
        var unsigned = Part(new { alg = "HS256", typ = "JWT" }) + "." + Part(claims);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url(signature);
    }

    private static string Unsigned(object claims) => Part(new { alg = "none", typ = "JWT" }) + "." + Part(claims) + ".";

    private static string Part(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
