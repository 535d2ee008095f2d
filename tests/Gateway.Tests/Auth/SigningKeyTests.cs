using System.Net;
using System.Text;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TestSupport;
using Gateway.Tests.Chat;

namespace Gateway.Tests.Auth;

public sealed class SigningKeyTests(ChatGatewayFactory factory) : IClassFixture<ChatGatewayFactory>
{
    [Fact]
    public async Task A_token_signed_with_the_shared_key_elsewhere_is_accepted_and_one_with_another_key_is_not()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        var claims = Claims(user.Http);
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token(ChatGatewayFactory.SigningKey, claims));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/groups")).StatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", Token("another-gateway-with-a-different-key-0123456789", claims));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/groups")).StatusCode);
    }

    [Fact]
    public async Task Tokens_that_name_no_user_or_an_account_that_does_not_exist_are_401()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        var claims = Claims(user.Http);
        var http = factory.CreateClient();
        foreach (var (sub, stamp) in new[] { ("", claims["stamp"]), ("   ", claims["stamp"]), ("ghost-" + Guid.NewGuid().ToString("N")[..8], claims["stamp"]), (user.UserId, "another-stamp"), (user.UserId, "") })
        {
            var forged = new Dictionary<string, object>(claims) { ["sub"] = sub, ["stamp"] = stamp };
            http.DefaultRequestHeaders.Authorization = new("Bearer", Token(ChatGatewayFactory.SigningKey, forged));
            var response = await http.GetAsync("/api/groups");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"sub '{sub}', stamp '{stamp}': {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var withoutStamp = new Dictionary<string, object>(claims);
        withoutStamp.Remove("stamp");
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token(ChatGatewayFactory.SigningKey, withoutStamp));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/groups")).StatusCode);
    }

    [Fact]
    public async Task A_token_outlives_neither_its_account_nor_the_gateway_that_held_the_account_in_memory()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/api/groups")).StatusCode);

        // Same signing key, fresh memory: the account is gone, so its token must be too.
        using var restarted = new ChatGatewayFactory();
        var http = restarted.CreateClient();
        http.DefaultRequestHeaders.Authorization = user.Http.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/groups")).StatusCode);

        // Someone registering the same name there does not inherit the old token.
        await ChatApi.SignUpAsync(restarted.CreateClient, user.Username);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/groups")).StatusCode);
    }

    [Fact]
    public void A_gateway_in_client_mode_without_a_signing_key_refuses_to_start_and_names_the_setting()
    {
        using var gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string>
        {
            ["Gateway__Mode"] = "Client",
            ["Cluster__Membership"] = "AdoNet",
            ["Cluster__ClusterId"] = "test",
            ["Cluster__ServiceId"] = "test",
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=nobody",
        });

        Assert.True(gateway.WaitForExit(TimeSpan.FromSeconds(60)), "the gateway kept running without Auth:SigningKey");
        Assert.Equal(2, gateway.ExitCode);
        Assert.Contains("Auth:SigningKey", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_auth_and_operator_settings_are_named_at_once_without_printing_secrets()
    {
        using var gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string>
        {
            ["Auth__SigningKey"] = "too-short-secret",
            ["Auth__Audience"] = " ",
            ["Auth__TokenLifetimeMinutes"] = "0",
            ["Auth__AttemptsPerMinute"] = "many",
            ["Auth__PasswordHashIterations"] = "999",
            ["Operator__Username"] = "the operator",
            ["Operator__Password"] = "secret1",
        });

        SettingsRefusal.AssertRefused(gateway,
            "Auth:SigningKey (Auth__SigningKey) is 16 bytes; allowed: at least 32 bytes of UTF-8",
            "Auth:Audience (Auth__Audience) is ' '; allowed: any non-empty text",
            "Auth:TokenLifetimeMinutes (Auth__TokenLifetimeMinutes) is '0'; allowed: a whole number from 1 to 43200",
            "Auth:AttemptsPerMinute (Auth__AttemptsPerMinute) is 'many'; allowed: a whole number of at least 1",
            "Auth:PasswordHashIterations (Auth__PasswordHashIterations) is '999'; allowed: a whole number from 1000 to 10000000",
            "Operator:Username (Operator__Username) is 'the operator'; allowed: 3-32 letters, digits, '_' or '-'",
            "Operator:Password (Operator__Password) is 7 characters; allowed: at least 8 characters");
        Assert.DoesNotContain("too-short-secret", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret1", gateway.Output, StringComparison.Ordinal);
    }

    /// <summary>The claims of the token a client holds, to mint the same one elsewhere.</summary>
    private static Dictionary<string, object> Claims(HttpClient http)
    {
        var token = new JsonWebTokenHandler().ReadJsonWebToken(http.DefaultRequestHeaders.Authorization!.Parameter);
        return new Dictionary<string, object>
        {
            ["sub"] = token.GetClaim("sub").Value,
            ["name"] = token.GetClaim("name").Value,
            ["stamp"] = token.GetClaim("stamp").Value,
        };
    }

    private static string Token(string key, Dictionary<string, object> claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "chain-chat",
        Audience = "chain-chat",
        Expires = DateTime.UtcNow.AddMinutes(5),
        Claims = claims,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });
}
