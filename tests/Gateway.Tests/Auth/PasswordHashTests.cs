using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Chain;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Auth;

/// <summary>
/// Passwords are stored as ASP.NET Core Identity V3 hashes (PBKDF2-HMAC-SHA512) at OWASP's 210,000 iterations by
/// default; older, weaker hashes are replaced at the next successful sign-in. This class keeps the default work
/// factor on purpose.
/// </summary>
public sealed class PasswordHashTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_new_account_stores_a_PBKDF2_HMAC_SHA512_hash_with_210000_iterations()
    {
        var username = "hash" + HardeningNames.Suffix();
        var created = await (await factory.CreateClient().PostAsJsonAsync("/api/accounts", new { username, password = Password }))
            .JsonAsync(HttpStatusCode.Created);

        var stored = await StoredHashAsync(created.GetProperty("user_id").GetString()!);

        Assert.Equal(IdentityV3Hash.Sha512, stored.Prf);
        Assert.Equal(210_000, stored.Iterations);
        Assert.Equal(16, stored.SaltLength);
        Assert.Equal(32, stored.SubkeyLength);
    }

    [Fact]
    public async Task An_old_100000_iteration_hash_is_replaced_by_a_210000_iteration_hash_at_sign_in()
    {
        var username = "legacy" + HardeningNames.Suffix();
        var userId = username.ToLowerInvariant();
        var oldHasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IAccountGrain>(userId).CreateAsync(username, oldHasher.HashPassword(new object(), Password));
        Assert.Equal(100_000, (await StoredHashAsync(userId)).Iterations);

        await SignInAsync(username, Password);

        var upgraded = await StoredHashAsync(userId);
        Assert.Equal(210_000, upgraded.Iterations);
        Assert.Equal(IdentityV3Hash.Sha512, upgraded.Prf);

        // The new hash is of the same password: it still signs in, and a wrong one still does not.
        await SignInAsync(username, Password);
        await (await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { username, password = "wrong password" }))
            .ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task A_password_over_1_KiB_at_sign_in_is_400_password_too_long()
    {
        var http = factory.CreateClient();
        var username = "nobody" + HardeningNames.Suffix();

        await (await http.PostAsJsonAsync("/api/auth/token", new { username, password = new string('a', 1025) }))
            .ProblemAsync(HttpStatusCode.BadRequest, "password_too_long");

        // Bytes count, not characters: 342 three-byte characters are 1,026 bytes.
        await (await http.PostAsJsonAsync("/api/auth/token", new { username, password = new string('€', 342) }))
            .ProblemAsync(HttpStatusCode.BadRequest, "password_too_long");

        // Exactly 1 KiB is checked as usual (and is wrong for a user who does not exist).
        await (await http.PostAsJsonAsync("/api/auth/token", new { username, password = new string('a', 1024) }))
            .ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    private async Task SignInAsync(string username, string password)
    {
        var token = await (await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { username, password })).JsonAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("access_token").GetString()));
    }

    private async Task<IdentityV3Hash> StoredHashAsync(string userId)
    {
        var account = await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(userId).GetAsync();
        Assert.NotNull(account);
        return IdentityV3Hash.Parse(account.PasswordHash);
    }

    /// <summary>
    /// ASP.NET Core Identity's V3 format: 0x01, then big-endian PRF (2 = HMAC-SHA512), iteration count and salt
    /// length, then the salt and the derived subkey.
    /// </summary>
    private sealed record IdentityV3Hash(uint Prf, int Iterations, int SaltLength, int SubkeyLength)
    {
        public const uint Sha512 = 2;

        public static IdentityV3Hash Parse(string base64)
        {
            var bytes = Convert.FromBase64String(base64);
            Assert.True(bytes.Length > 13, "hash too short");
            Assert.Equal(0x01, bytes[0]);
            var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
            var iterations = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
            var saltLength = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
            return new IdentityV3Hash(prf, iterations, saltLength, bytes.Length - 13 - saltLength);
        }
    }
}
