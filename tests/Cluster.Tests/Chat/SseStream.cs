using System.Net.Http.Headers;
using System.Text.Json;
using TestSupport;

namespace Cluster.Tests.Chat;

/// <summary>A signed-in user's live stream on one gateway, read with the shared event reader.</summary>
public sealed class SseStream : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly ServerSentEventReader _reader;

    private SseStream(HttpClient http, HttpResponseMessage response, Stream body)
    {
        _http = http;
        _response = response;
        _reader = new ServerSentEventReader(body);
    }

    public static async Task<SseStream> OpenAsync(Uri gateway, string token)
    {
        var http = new HttpClient { BaseAddress = gateway, Timeout = Timeout.InfiniteTimeSpan };
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/live");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = new SseStream(http, response, await response.Content.ReadAsStreamAsync());
        Assert.Equal("ready", (await stream.NextAsync()).Event);
        return stream;
    }

    public async Task<(string Event, string? Id, JsonElement Data)> NextAsync()
    {
        var next = await _reader.NextAsync(TimeSpan.FromSeconds(30));
        return (next.Event, next.Id, JsonDocument.Parse(next.Data.Length == 0 ? "{}" : next.Data).RootElement);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
    }
}
