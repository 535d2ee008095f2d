using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grains.Interfaces.Accounts;

namespace Load.Chat;

/// <summary>
/// Mints HS256 bearer tokens with the gateway's configured key, as another gateway of the cluster would, for
/// accounts the benchmark created through the grains, so it needs no password hashing per simulated user.
/// </summary>
internal static class BenchTokens
{
    public const string SigningKey = "load-benchmark-signing-key-0123456789abcdef";

    public static string For(AccountRecord account)
    {
        var userId = account.UserId;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = userId, ["name"] = account.Username, ["stamp"] = account.EffectiveStamp, ["iss"] = "chain-chat", ["aud"] = "chain-chat",
            ["iat"] = now, ["nbf"] = now - 5, ["exp"] = now + 3600,
        }));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>Creates the accounts (a few hundred calls at a time) and returns a token for each.</summary>
    public static async Task<Dictionary<string, string>> CreateAccountsAsync(IGrainFactory grains, IEnumerable<string> userIds)
    {
        var tokens = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(userIds, new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (userId, _) =>
        {
            var account = await grains.GetGrain<IAccountGrain>(userId).CreateAsync(userId, "benchmark-account-without-password");
            tokens[userId] = For(account);
        });
        return new Dictionary<string, string>(tokens, StringComparer.Ordinal);
    }
}
