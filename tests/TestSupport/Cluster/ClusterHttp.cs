using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TestSupport.Cluster;

/// <summary>A signed-in user talking to the cluster through the load balancer.</summary>
public sealed class ClusterHttp : IDisposable
{
    private ClusterHttp(HttpClient http, string userId)
    {
        Http = http;
        UserId = userId;
    }

    public HttpClient Http { get; }
    public string UserId { get; }

    public static async Task<ClusterHttp> SignUpAsync(Uri address, string? username = null)
    {
        username ??= TestUsers.NewName();
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.SignUpAsync(http, username));
        return new ClusterHttp(http, username.ToLowerInvariant());
    }

    /// <summary>A group whose owner posts without a rate limit.</summary>
    public async Task<string> CreateGroupAsync(string name, int shards = 4)
    {
        var group = await Expect(HttpStatusCode.Created, await Http.PostAsJsonAsync("/api/groups", new { name, shard_count = shards }));
        var id = group.GetProperty("id").GetString()!;
        await Expect(HttpStatusCode.OK, await Http.PatchAsJsonAsync($"/api/groups/{id}", new { rate_limit = new { messages = 0, period_seconds = 1, burst = 1 } }));
        return id;
    }

    public async Task JoinAsync(string groupId) =>
        await Expect(HttpStatusCode.Created, await Http.PostAsync($"/api/groups/{groupId}/members", null));

    /// <summary>The whole history of a group, paged by sequence.</summary>
    public async Task<List<JsonElement>> HistoryAsync(string groupId)
    {
        var all = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            var page = await Expect(HttpStatusCode.OK, await Http.GetAsync($"/api/groups/{groupId}/messages?after={after}&limit=200"));
            var messages = page.GetProperty("messages").EnumerateArray().Select(m => m.Clone()).ToList();
            if (messages.Count == 0)
                return all;
            all.AddRange(messages);
            after = messages[^1].GetProperty("seq").GetInt64();
        }
    }

    public static async Task<JsonElement> Expect(HttpStatusCode status, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public void Dispose() => Http.Dispose();
}
