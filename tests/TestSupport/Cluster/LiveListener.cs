using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TestSupport.Cluster;

/// <summary>
/// A live client as the README describes it: one Server-Sent Events stream through the load balancer;
/// when the stream drops it reconnects with <c>since=group:lastSeq</c> and carries on.
/// </summary>
public sealed class LiveListener(Uri address, string token, string groupId)
{
    public List<long> Received { get; } = [];
    public List<string> Gateways { get; } = [];
    public int Reconnects { get; private set; }
    public List<ServerSentEvent> Hints { get; } = [];
    public long LastSeq => Received.Count == 0 ? 0 : Received[^1];

    /// <summary>Reads until <paramref name="until"/> says enough, reconnecting whenever the stream ends.</summary>
    public async Task RunAsync(Func<long, bool> until, Action<string>? onReady, TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline && !until(LastSeq))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/live?since={groupId}:{LastSeq}");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    await Task.Delay(300);
                    continue;
                }

                using var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
                while (DateTime.UtcNow < deadline && !until(LastSeq))
                {
                    var next = await reader.NextAsync(TimeSpan.FromSeconds(30));
                    if (next.Event == "ready")
                    {
                        var gateway = JsonDocument.Parse(next.Data).RootElement.GetProperty("gateway").GetString()!;
                        Gateways.Add(gateway);
                        onReady?.Invoke(gateway);
                    }
                    else if (next.Id is { } id && id.StartsWith(groupId + ":", StringComparison.Ordinal))
                    {
                        Received.Add(long.Parse(id[(groupId.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else if (next.Id is null && next.RetryMs is not null)
                    {
                        Hints.Add(next);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or EndOfStreamException or OperationCanceledException)
            {
            }

            Reconnects++;
            await Task.Delay(200);
        }
    }
}
