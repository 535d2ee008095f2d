using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Chain;
using Gateway.Tests.Chat;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Http;

/// <summary>
/// Route ids are checked before any handler or grain sees them: an id of only whitespace is 400 <c>id_invalid</c>
/// on every route that takes one, never a 500 from a grain keyed by a blank string.
/// </summary>
public sealed class RouteIdTests(FastHashGatewayFactory factory) : IClassFixture<FastHashGatewayFactory>
{
    // A space, several spaces, a tab and the ideographic space (U+3000), percent-encoded as a client sends them.
    private static readonly string[] BlankIds = ["%20", "%20%20%20", "%09", "%E3%80%80"];

    private static readonly object Draft = new { client_id = "c1", type = "text", text = "hi" };

    /// <summary>Every /api/groups/{id}/... route, with a body the handler would accept were the id valid.</summary>
    private static IEnumerable<(HttpMethod Method, string Path, object? Body)> GroupRoutes(string id) =>
    [
        (HttpMethod.Get, $"/api/groups/{id}", null),
        (HttpMethod.Patch, $"/api/groups/{id}", new { name = "renamed" }),
        (HttpMethod.Put, $"/api/groups/{id}/operators/someone", null),
        (HttpMethod.Delete, $"/api/groups/{id}/operators/someone", null),
        (HttpMethod.Post, $"/api/groups/{id}/members", null),
        (HttpMethod.Get, $"/api/groups/{id}/members", null),
        (HttpMethod.Delete, $"/api/groups/{id}/members/me", null),
        (HttpMethod.Delete, $"/api/groups/{id}/members/someone", null),
        (HttpMethod.Post, $"/api/groups/{id}/subscription", null),
        (HttpMethod.Delete, $"/api/groups/{id}/subscription", null),
        (HttpMethod.Put, $"/api/groups/{id}/bans/someone", null),
        (HttpMethod.Delete, $"/api/groups/{id}/bans/someone", null),
        (HttpMethod.Put, $"/api/groups/{id}/read", new { seq = 1 }),
        (HttpMethod.Get, $"/api/groups/{id}/read", null),
        (HttpMethod.Get, $"/api/groups/{id}/messages", null),
        (HttpMethod.Post, $"/api/groups/{id}/messages", Draft),
        (HttpMethod.Delete, $"/api/groups/{id}/messages/1", null),
    ];

    /// <summary>Chain routes naming a node: the API's and the tutorial's (per node).</summary>
    private static IEnumerable<(HttpMethod Method, string Path, object? Body)> NodeRoutes(string id) =>
    [
        (HttpMethod.Get, $"/api/nodes/{id}", null),
        (HttpMethod.Put, $"/api/nodes/{id}", null),
        (HttpMethod.Get, $"/api/nodes/{id}/chain", null),
        (HttpMethod.Post, $"/api/nodes/{id}/mine", null),
        (HttpMethod.Get, $"/api/nodes/{id}/mempool", null),
        (HttpMethod.Get, $"/{id}/mine", null),
        (HttpMethod.Post, $"/{id}/mine", null),
        (HttpMethod.Get, $"/{id}/chain", null),
        (HttpMethod.Get, $"/{id}/nodes/resolve", null),
    ];

    [Fact]
    public async Task Whitespace_group_ids_are_400_id_invalid_on_every_route()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        var wrong = await WrongAnswersAsync(user.Http, BlankIds.SelectMany(GroupRoutes));
        Assert.True(wrong.Count == 0, "not 400 id_invalid:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public async Task Whitespace_node_ids_are_400_id_invalid_on_api_and_tutorial_routes()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        var wrong = await WrongAnswersAsync(user.Http, BlankIds.SelectMany(NodeRoutes));
        Assert.True(wrong.Count == 0, "not 400 id_invalid:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public async Task Posting_to_a_blank_group_is_400_id_invalid_with_problem_details()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        await (await user.Http.PostAsJsonAsync("/api/groups/%20/messages", Draft)).ProblemAsync(HttpStatusCode.BadRequest, "id_invalid");
    }

    /// <summary>Sends each request; lists those not answered 400 with the problem code <c>id_invalid</c>.</summary>
    private static async Task<List<string>> WrongAnswersAsync(HttpClient http, IEnumerable<(HttpMethod Method, string Path, object? Body)> routes)
    {
        var wrong = new List<string>();
        foreach (var (method, path, body) in routes)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
                request.Content = JsonContent.Create(body);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            if (response.StatusCode != HttpStatusCode.BadRequest || code != "id_invalid")
                wrong.Add($"{method} {path} -> {(int)response.StatusCode} {text}");
        }

        return wrong;
    }
}
