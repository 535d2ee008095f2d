using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Load.Chat;

/// <summary>
/// Mints HS256 bearer tokens with the gateway's configured key, as another gateway of the cluster would,
/// so the benchmark needs no sign-up per simulated user.
/// </summary>
internal static class BenchTokens
{
    public const string SigningKey = "load-benchmark-signing-key-0123456789abcdef";

    public static string For(string userId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = userId, ["name"] = userId, ["iss"] = "chain-chat", ["aud"] = "chain-chat",
            ["iat"] = now, ["nbf"] = now - 5, ["exp"] = now + 3600,
        }));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
