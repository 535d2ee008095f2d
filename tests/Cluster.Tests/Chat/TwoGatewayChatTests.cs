using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Tests.Infrastructure;
using TestSupport;

namespace Cluster.Tests.Chat;

[Collection(PostgresCollection.Name)]
public sealed class TwoGatewayChatTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Users_on_two_client_mode_gateways_get_each_others_messages_live_with_tokens_valid_on_both()
    {
        using var cluster = new RealCluster(postgres, "chat2gw");
        await cluster.StartSilo().WaitUntilReadyAsync();
        var first = cluster.StartGateway();
        var second = cluster.StartGateway();
        await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());

        using var viaFirst = new HttpClient { BaseAddress = first.HttpAddress };
        using var viaSecond = new HttpClient { BaseAddress = second.HttpAddress };
        var alice = await TestUsers.SignUpAsync(viaFirst, "alice");
        var bob = await TestUsers.SignUpAsync(viaSecond, "bob");

        // A token issued by the first gateway is accepted by the second: both check with the shared key.
        var created = await SendAsync(viaSecond, alice, HttpMethod.Post, "/api/groups", new { name = "across gateways" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var groupId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(viaSecond, bob, HttpMethod.Post, $"/api/groups/{groupId}/members", null)).StatusCode);

        using var aliceLive = await LiveStream.OpenAsync(viaFirst, token: alice);
        using var bobLive = await LiveStream.OpenAsync(viaSecond, token: bob);

        var seqs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var author = i % 2 == 0 ? bob : alice;
            var posted = await SendAsync(i % 2 == 0 ? viaFirst : viaSecond, author, HttpMethod.Post, $"/api/groups/{groupId}/messages",
                new { client_id = $"c{i}", type = "text", text = $"hello {i}" });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            seqs.Add((await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("seq").GetInt64());
        }

        foreach (var live in new[] { aliceLive, bobLive })
        {
            foreach (var seq in seqs)
            {
                var next = await live.NextAsync();
                Assert.Equal(("message", $"{groupId}:{seq}"), (next.Event, next.Id));
                Assert.Equal(seq, next.Json.GetProperty("seq").GetInt64());
            }
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string token, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }
}
