using Xunit;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TestSupport.Cluster;

/// <summary>
/// Steady chat posting through the load balancer, as a careful client does it: every message has a
/// client id, and a post that fails for a transient reason (503, 502, a dropped connection) is retried
/// with the same client id. Records every acknowledged message and every failed attempt.
/// </summary>
public sealed class ChatLoad(ClusterHttp poster, IReadOnlyList<string> groups, string runId)
{
    public sealed record Ack(string Group, string ClientId, long Seq);

    public ConcurrentBag<Ack> Acks { get; } = [];
    public ConcurrentQueue<(DateTime At, string What)> FailedAttempts { get; } = new();

    /// <summary>Attempts answered successfully but after more than <see cref="SlowAttempt"/> (the gateway retried inside).</summary>
    public ConcurrentQueue<(DateTime At, TimeSpan Took)> SlowAttempts { get; } = new();

    public static readonly TimeSpan SlowAttempt = TimeSpan.FromSeconds(1);
    public ConcurrentQueue<string> Unexpected { get; } = new();
    private int _next;

    /// <summary>Pause between one poster's messages; zero for benchmarks that post flat out.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(20);

    public Task RunAsync(int posters, int maxMessagesEach, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, posters).Select(p => PosterAsync(p, maxMessagesEach, stop)));

    private async Task PosterAsync(int poster, int maxMessages, CancellationToken stop)
    {
        for (var i = 0; i < maxMessages && !stop.IsCancellationRequested; i++)
        {
            var n = Interlocked.Increment(ref _next);
            var group = groups[n % groups.Count];
            var clientId = $"{runId}-{poster}-{i}";
            await PostUntilAcknowledgedAsync(group, clientId, $"message {n} from poster {poster}");
            if (Pause > TimeSpan.Zero)
                await Task.Delay(Pause, CancellationToken.None);
        }
    }

    private async Task PostUntilAcknowledgedAsync(string group, string clientId, string text)
    {
        // Bounded: a message nobody acknowledges within ~60 s of retrying is given up (and then not expected).
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var started = DateTime.UtcNow;
            try
            {
                using var response = await poster.Http.PostAsJsonAsync($"/api/groups/{group}/messages", new { client_id = clientId, type = "text", text });
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    var took = DateTime.UtcNow - started;
                    if (took > SlowAttempt)
                        SlowAttempts.Enqueue((DateTime.UtcNow, took));
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Acks.Add(new Ack(group, clientId, body.GetProperty("seq").GetInt64()));
                    return;
                }

                var detail = await response.Content.ReadAsStringAsync();
                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
                    FailedAttempts.Enqueue((DateTime.UtcNow, $"{(int)response.StatusCode} {detail}"));
                else
                {
                    Unexpected.Enqueue($"{(int)response.StatusCode} for {clientId}: {detail}");
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                FailedAttempts.Enqueue((DateTime.UtcNow, ex.GetType().Name + ": " + ex.Message));
            }

            await Task.Delay(500);
        }

        Unexpected.Enqueue($"gave up on {clientId} after 120 attempts");
    }

    /// <summary>
    /// Every acknowledged message is in its group's history exactly once, at the sequence it was
    /// acknowledged with, and history is in strictly increasing sequence order with no duplicate client id.
    /// </summary>
    public async Task VerifyHistoryAsync(ClusterHttp reader)
    {
        Assert.Empty(Unexpected);
        foreach (var group in groups)
        {
            var history = await reader.HistoryAsync(group);
            var seqs = history.Select(m => m.GetProperty("seq").GetInt64()).ToList();
            Assert.Equal(seqs.Order().Distinct(), seqs);
            var byClientId = history
                .Where(m => m.TryGetProperty("client_id", out var c) && c.ValueKind == JsonValueKind.String && c.GetString()!.StartsWith(runId, StringComparison.Ordinal))
                .GroupBy(m => m.GetProperty("client_id").GetString()!)
                .ToDictionary(g => g.Key, g => g.Select(m => m.GetProperty("seq").GetInt64()).ToList());
            foreach (var ack in Acks.Where(a => a.Group == group))
            {
                Assert.True(byClientId.TryGetValue(ack.ClientId, out var found), $"acknowledged {ack.ClientId} (seq {ack.Seq}) is missing from {group}");
                Assert.Equal([ack.Seq], found);
            }

            Assert.All(byClientId, entry => Assert.Single(entry.Value));
        }
    }

    /// <summary>From the first failed attempt to the last one, or zero when nothing failed.</summary>
    public TimeSpan FailureWindow(DateTime since)
    {
        var failures = FailedAttempts.Where(f => f.At >= since).Select(f => f.At).ToList();
        return failures.Count == 0 ? TimeSpan.Zero : failures.Max() - failures.Min();
    }
}
