using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Gateway.Tests.Chain;
using Gateway.Tests.Chat;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Auth;

/// <summary>
/// Names with letters outside ASCII end up in Location headers, which must be ASCII on the wire. On real Kestrel
/// an unencoded header fails the response after the account or membership was already written (a 500 for a
/// request that succeeded); encoded, it is 201 with a percent-encoded path.
/// </summary>
public sealed class NonAsciiUsernameTests(KestrelGatewayFactory factory) : IClassFixture<KestrelGatewayFactory>
{
    private const string Password = "correct horse battery";

    public static TheoryData<string> Names => new()
    {
        { "Jürgen" },
        { "张伟" },
        { "Ωmega" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_non_ASCII_username_signs_up_with_201_and_a_percent_encoded_Location(string prefix)
    {
        var username = prefix + HardeningNames.Suffix();
        using var response = await factory.CreateSocketClient().PostAsJsonAsync("/api/accounts", new { username, password = Password });

        var body = await response.JsonAsync(HttpStatusCode.Created);
        var userId = body.GetProperty("user_id").GetString()!;
        Assert.Equal(username.ToUpperInvariant().ToLowerInvariant(), userId);
        Assert.Equal($"/api/accounts/{Uri.EscapeDataString(userId)}", RawLocation(response));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Joining_a_group_as_a_non_ASCII_user_is_201_with_a_percent_encoded_Location(string prefix)
    {
        var owner = await ChatApi.SignUpAsync(() => factory.CreateSocketClient());
        var group = await owner.CreateGroupAsync();
        var username = prefix + HardeningNames.Suffix();
        var member = await SignUpAsync(username);

        using var response = await member.PostAsync($"/api/groups/{group}/members", null);

        var body = await response.JsonAsync(HttpStatusCode.Created);
        var userId = body.GetProperty("user_id").GetString()!;
        Assert.Equal($"/api/groups/{group}/members/{Uri.EscapeDataString(userId)}", RawLocation(response));
    }

    /// <summary>The Location header as it came over the wire, checked to be ASCII.</summary>
    private static string RawLocation(HttpResponseMessage response)
    {
        Assert.True(response.Headers.NonValidated.TryGetValues("Location", out var values), "no Location header");
        var location = Assert.Single(values);
        Assert.True(Ascii.IsValid(location), $"Location is not ASCII: {location}");
        return location;
    }

    private async Task<HttpClient> SignUpAsync(string username)
    {
        var http = factory.CreateSocketClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/accounts", new { username, password = Password })).StatusCode);
        var token = await (await http.PostAsJsonAsync("/api/auth/token", new { username, password = Password })).JsonAsync(HttpStatusCode.OK);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return http;
    }
}
