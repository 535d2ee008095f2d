using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gateway.Tests.Chain;
using Gateway.Tests.Chat;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Http;

/// <summary>
/// Requests the framework refuses before a handler runs (bodies that do not bind, unknown routes, wrong methods)
/// still answer with problem details that carry a machine-readable <c>code</c>.
/// </summary>
public sealed class RequestErrorCodeTests(FastHashGatewayFactory factory) : IClassFixture<FastHashGatewayFactory>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Malformed_JSON_on_chat_routes_is_400_bad_json()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        var group = await user.CreateGroupAsync();

        await (await user.Http.PostAsync("/api/groups", Json("{\"name\": "))).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await user.Http.PostAsync($"/api/groups/{group}/messages", Json("{\"type\": \"text\", \"text\": \"hi"))).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await user.Http.PatchAsync($"/api/groups/{group}", Json("{name: 1}"))).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await user.Http.PutAsync($"/api/groups/{group}/read", Json("[1,"))).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await factory.CreateClient().PostAsync("/api/accounts", Json("{not json"))).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await factory.CreateClient().PostAsync("/api/auth/token", Json("{\"username\": }"))).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
    }

    [Fact]
    public async Task A_number_sent_as_a_JSON_string_is_400_bad_json()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);

        await (await user.Http.PostAsync("/api/groups", Json("{\"name\": \"strict\", \"shard_count\": \"4\"}"))).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        var group = await user.CreateGroupAsync();
        await (await user.Http.PutAsync($"/api/groups/{group}/read", Json("{\"seq\": \"0\"}"))).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");

        // The same request with a JSON number is accepted.
        Assert.Equal(HttpStatusCode.Created, (await user.Http.PostAsync("/api/groups", Json("{\"name\": \"strict\", \"shard_count\": 4}"))).StatusCode);
    }

    [Fact]
    public async Task An_empty_body_where_one_is_needed_is_400_body_missing()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        var group = await user.CreateGroupAsync();

        await (await user.Http.PostAsync("/api/groups", Json(""))).ProblemAsync(HttpStatusCode.BadRequest, "body_missing");
        await (await user.Http.PostAsync($"/api/groups/{group}/messages", Json(""))).ProblemAsync(HttpStatusCode.BadRequest, "body_missing");
        await (await user.Http.PatchAsync($"/api/groups/{group}", Json(""))).ProblemAsync(HttpStatusCode.BadRequest, "body_missing");
        await (await user.Http.PutAsync($"/api/groups/{group}/read", Json(""))).ProblemAsync(HttpStatusCode.BadRequest, "body_missing");
        await (await factory.CreateClient().PostAsync("/api/accounts", Json(""))).ProblemAsync(HttpStatusCode.BadRequest, "body_missing");
        await (await factory.CreateClient().PostAsync("/api/auth/token", Json(""))).ProblemAsync(HttpStatusCode.BadRequest, "body_missing");
    }

    [Fact]
    public async Task A_JSON_null_body_is_400_body_missing()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);

        await (await user.Http.PostAsync("/api/groups", Json("null"))).ProblemAsync(HttpStatusCode.BadRequest, "body_missing");
        await (await factory.CreateClient().PostAsync("/api/accounts", Json("null"))).ProblemAsync(HttpStatusCode.BadRequest, "body_missing");
    }

    [Fact]
    public async Task An_unknown_route_is_404_not_found()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);

        await (await factory.CreateClient().GetAsync("/api/no-such-thing")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await user.Http.GetAsync("/api/groups/g1/no-such-thing")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_wrong_method_is_405_method_not_allowed()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);

        await (await user.Http.DeleteAsync("/api/groups")).ProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await (await factory.CreateClient().GetAsync("/api/accounts")).ProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await (await factory.CreateClient().PutAsJsonAsync("/api/auth/token", new { username = "x", password = "y" })).ProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task Errors_are_problem_json_with_a_code_even_when_the_client_accepts_only_html_or_event_streams()
    {
        using var limited = new FastHashGatewayFactory().With("Auth:AttemptsPerMinute", "2");
        var browser = limited.CreateClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        for (var i = 0; i < 2; i++)
            await (await browser.PostAsJsonAsync("/api/auth/token", new { username = "nobody-here", password = "wrong password" })).ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var limitedAnswer = await browser.PostAsJsonAsync("/api/auth/token", new { username = "nobody-here", password = "wrong password" });
        await limitedAnswer.ProblemAsync(HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.NotNull(limitedAnswer.Headers.RetryAfter);

        await (await browser.GetAsync("/api/groups")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await browser.GetAsync("/api/nodes/%20")).ProblemAsync(HttpStatusCode.BadRequest, "id_invalid");
        await (await browser.GetAsync("/api/no-such-route")).ProblemAsync(HttpStatusCode.NotFound, "not_found");

        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        var stream = new HttpRequestMessage(HttpMethod.Get, "/api/live?since=nonsense");
        stream.Headers.Accept.ParseAdd("text/event-stream");
        await (await user.Http.SendAsync(stream)).ProblemAsync(HttpStatusCode.BadRequest, "since_invalid");
    }
}
