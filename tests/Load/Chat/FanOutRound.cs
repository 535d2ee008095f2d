using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Load.Chat;

/// <summary>What one fan-out round measured.</summary>
internal sealed record FanOutResult(int Accepted, int Posted, long Delivered, long Expected, long Duplicates, long Gaps,
    double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double DeliveriesPerSecond => Delivered / Seconds;

    public void Print(string prefix = "")
    {
        Console.WriteLine($"{prefix}posted {Accepted}/{Posted} messages; deliveries {Delivered:N0} of {Expected:N0} expected; duplicates {Duplicates}, gaps {Gaps}");
        Console.WriteLine($"{prefix}throughput: {DeliveriesPerSecond:N0} deliveries/s over {Seconds:F1} s (first post to last delivery)");
        Console.WriteLine($"{prefix}post-to-delivery latency: p50 {P50Ms:F1} ms, p99 {P99Ms:F1} ms, max {MaxMs:F1} ms");
    }
}

/// <summary>
/// The shared part of the fan-out benchmarks: connect many <see cref="LiveReader"/>s, post at a fixed rate
/// (each message's text carries its post timestamp), then wait until every acknowledged message reached
/// every reader or deliveries stop for 30 s.
/// </summary>
internal static class FanOutRound
{
    /// <summary>Starts every reader, 250 at a time, each batch waiting for its <c>ready</c> events.</summary>
    public static async Task<List<Task>> ConnectAsync(IReadOnlyList<LiveReader> readers, HttpClient http, CancellationToken stop)
    {
        var running = new List<Task>(readers.Count);
        foreach (var batch in readers.Chunk(250))
        {
            running.AddRange(batch.Select(r => Task.Run(() => r.RunAsync(http, stop))));
            await Task.WhenAll(batch.Select(r => r.Ready)).WaitAsync(TimeSpan.FromSeconds(120));
        }

        return running;
    }

    /// <summary>
    /// Posts <paramref name="rate"/> messages a second for <paramref name="seconds"/> and measures their delivery.
    /// Rounds share the readers: each round counts from where the last one left off and clears the histogram first.
    /// </summary>
    public static async Task<FanOutResult> RunAsync(HttpClient poster, string groupId, IReadOnlyList<LiveReader> readers, LatencyHistogram latency, int rate, int seconds, int round = 0)
    {
        latency.Reset();
        long deliveredBefore = readers.Sum(r => Interlocked.Read(ref r.Deliveries)), duplicatesBefore = readers.Sum(r => r.Duplicates), gapsBefore = readers.Sum(r => r.Gaps);
        var posts = new List<Task<HttpResponseMessage>>();
        var total = rate * seconds;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / (double)rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            var text = Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
            posts.Add(poster.PostAsJsonAsync($"/api/groups/{groupId}/messages", new { client_id = $"r{round}p{i}", type = "text", text }));
        }

        var responses = await Task.WhenAll(posts);
        var accepted = responses.Count(r => r.IsSuccessStatusCode);
        foreach (var response in responses)
            response.Dispose();
        var expected = (long)accepted * readers.Count;
        var delivered = await AwaitDeliveriesAsync(() => readers.Sum(r => Interlocked.Read(ref r.Deliveries)) - deliveredBefore, expected);

        var lastDelivery = readers.Max(r => Interlocked.Read(ref r.LastDeliveryTimestamp));
        var elapsed = (lastDelivery - start) / (double)Stopwatch.Frequency;
        return new FanOutResult(accepted, total, delivered, expected, readers.Sum(r => r.Duplicates) - duplicatesBefore, readers.Sum(r => r.Gaps) - gapsBefore, elapsed,
            latency.PercentileMs(0.50), latency.PercentileMs(0.99), latency.PercentileMs(1.0));
    }

    /// <summary>Polls until <paramref name="expected"/> deliveries arrived or none arrived for 30 s; returns how many did.</summary>
    public static async Task<long> AwaitDeliveriesAsync(Func<long> deliveredSoFar, long expected)
    {
        long delivered = 0, previous = -1;
        var idleSince = Stopwatch.GetTimestamp();
        while (delivered < expected && Stopwatch.GetElapsedTime(idleSince) < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
            delivered = deliveredSoFar();
            if (delivered != previous)
                idleSince = Stopwatch.GetTimestamp();
            previous = delivered;
        }

        return delivered;
    }
}
