using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Chat;

namespace Gateway.Tests.Auth;

public sealed class AccountEndpointTests(ChatGatewayFactory factory) : IClassFixture<ChatGatewayFactory>
{
    [Fact]
    public async Task Sign_up_then_sign_in_gives_a_bearer_token_that_opens_chat_routes()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/api/groups")).StatusCode);
    }

    [Fact]
    public async Task Chat_routes_without_a_valid_token_are_401()
    {
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/groups")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/groups/x/messages", new { client_id = "1", type = "text", text = "hi" })).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not.a.token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/groups")).StatusCode);
    }

    [Fact]
    public async Task Bad_sign_ups_and_wrong_passwords_are_refused_with_problem_details()
    {
        var http = factory.CreateClient();
        var name = "u" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/accounts", new { username = name, password = "long enough" })).StatusCode);

        var taken = await http.PostAsJsonAsync("/api/accounts", new { username = name.ToUpperInvariant(), password = "long enough" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("application/problem+json", taken.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/api/accounts", new { username = "a b", password = "long enough" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/api/accounts", new { username = "shortpw", password = "1234567" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/accounts", new StringContent("{not json", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/auth/token", new { username = name, password = "wrong password" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/auth/token", new { username = "nobody-here", password = "long enough" })).StatusCode);
    }
}
