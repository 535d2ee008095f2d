using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grains.Interfaces.Chat;
using Xunit;

namespace TestSupport;

/// <summary>A user's live stream (<c>GET /api/live</c>, Server-Sent Events), opened past its <c>ready</c> event.</summary>
public sealed class LiveStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly ServerSentEventReader _reader;

    private LiveStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new ServerSentEventReader(body);
    }

    /// <summary>Opens the stream with <paramref name="http"/> (its token, or <paramref name="token"/>), checks the headers and reads <c>ready</c>.</summary>
    public static async Task<LiveStream> OpenAsync(HttpClient http, string query = "", string? lastEventId = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/live" + query);
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new LiveStream(response, await response.Content.ReadAsStreamAsync());
        var ready = await stream.NextAsync();
        Assert.Equal("ready", ready.Event);
        return stream;
    }

    public async Task<LiveEvent> NextAsync(TimeSpan? timeout = null)
    {
        var next = await _reader.NextAsync(timeout ?? TimeSpan.FromSeconds(30));
        return new LiveEvent(next.Id, next.Event, next.Data);
    }

    /// <summary>The next event's message (every event a test waits for here carries one).</summary>
    public async Task<ChatMessage> NextMessageAsync() => (await NextAsync()).Message;

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
