using System.Net.Http.Headers;
using System.Text.Json;

namespace Cluster.Tests.Chat;

/// <summary>A live stream read event by event: (event name, id, data as JSON).</summary>
public sealed class SseStream : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpClient http, HttpResponseMessage response, Stream body)
    {
        _http = http;
        _response = response;
        _reader = new StreamReader(body);
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? id = null, name = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            if (line.Length == 0 && (name ?? data) is not null)
                return (name ?? "message", id, JsonDocument.Parse(data ?? "{}").RootElement);
            if (line.StartsWith("id: ", StringComparison.Ordinal))
                id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
                name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line[6..];
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
    }
}
