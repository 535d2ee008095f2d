using System.Net;
using System.Text;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TestSupport;

namespace Gateway.Tests.Chat;

public sealed class SigningKeyTests(ChatGatewayFactory factory) : IClassFixture<ChatGatewayFactory>
{
    [Fact]
    public async Task A_token_signed_with_the_shared_key_elsewhere_is_accepted_and_one_with_another_key_is_not()
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token(ChatGatewayFactory.SigningKey));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/groups")).StatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", Token("another-gateway-with-a-different-key-0123456789"));
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

    private static string Token(string key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "chain-chat",
        Audience = "chain-chat",
        Expires = DateTime.UtcNow.AddMinutes(5),
        Claims = new Dictionary<string, object> { ["sub"] = "elsewhere", ["name"] = "Elsewhere" },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });
}
