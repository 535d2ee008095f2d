using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grains.Interfaces.Chat;
using TestSupport;

namespace Gateway.Tests.Chat;

/// <summary>A signed-in user of the HTTP API, for tests.</summary>
public sealed class ChatApi(HttpClient http, string username)
{
    public HttpClient Http { get; } = http;
    public string Username { get; } = username;
    public string UserId => Username.ToLowerInvariant();

    public static async Task<ChatApi> SignUpAsync(Func<HttpClient> newClient, string? username = null)
    {
        username ??= TestUsers.NewName();
        var http = newClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.SignUpAsync(http, username));
        return new ChatApi(http, username);
    }

    public async Task<string> CreateGroupAsync(string name = "test group", int shards = 4)
    {
        var response = await Http.PostAsJsonAsync("/api/groups", new { name, shard_count = shards });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GroupView>(ApiJsonOptions.Instance))!.Id;
    }

    public async Task JoinAsync(string groupId) =>
        Assert.Equal(HttpStatusCode.Created, (await Http.PostAsync($"/api/groups/{groupId}/members", null)).StatusCode);

    public Task<HttpResponseMessage> PostAsync(string groupId, object draft) => Http.PostAsJsonAsync($"/api/groups/{groupId}/messages", draft);

    public async Task<ChatMessage> SayAsync(string groupId, string text)
    {
        var response = await PostAsync(groupId, new { client_id = Guid.NewGuid().ToString("N"), type = "text", text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChatMessage>(ApiJsonOptions.Instance))!;
    }

    public Task<HttpResponseMessage> PatchAsync(string groupId, object patch) => Http.PatchAsJsonAsync($"/api/groups/{groupId}", patch);

    public Task<LiveStream> ConnectLiveAsync(string query = "", string? lastEventId = null) => LiveStream.OpenAsync(Http, query, lastEventId);
}
