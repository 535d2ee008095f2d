using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Partition.Tests.Checker;

/// <summary>
/// Chat posting through both gateways into a few groups: every message has its own client id, every operation and
/// answer goes into the history. <see cref="CheckAsync"/> then holds the groups' stored history against it.
/// </summary>
public sealed class ChatWorkload(Client owner, IReadOnlyList<string> groups, History history, string runId)
{
    public const string Kind = "post";

    public IReadOnlyList<string> Groups => groups;

    public static async Task<ChatWorkload> SetUpAsync(Client owner, History history, string runId, int groupCount = 3)
    {
        var groups = new List<string>();
        for (var i = 0; i < groupCount; i++)
        {
            var group = await owner.PostJsonAsync(0, "/api/groups", new { name = $"{runId}-{i}", shard_count = 4 }, HttpStatusCode.Created);
            var id = group.GetProperty("id").GetString()!;
            // The owner posts without a rate limit: the load is bounded by its own loop.
            await Client.ExpectAsync(HttpStatusCode.OK, () => owner.Gateway(0).PatchAsJsonAsync($"/api/groups/{id}", new { rate_limit = new { messages = 0, period_seconds = 1, burst = 1 } }));
            groups.Add(id);
        }

        return new ChatWorkload(owner, groups, history, runId);
    }

    /// <summary>Posters post one message after another (each on its own gateway first) until <paramref name="stop"/> or <paramref name="maxEach"/>.</summary>
    public Task RunAsync(int posters, int maxEach, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, posters).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < maxEach && !stop.IsCancellationRequested; i++)
            {
                var group = groups[(p + i) % groups.Count];
                var clientId = $"{runId}-{p}-{i}";
                await owner.RunAsync(Kind, $"{group}/{clientId}", p % 2,
                    http => http.PostAsJsonAsync($"/api/groups/{group}/messages", new { client_id = clientId, type = "text", text = $"{clientId} says hello" }),
                    HttpStatusCode.Created, HttpStatusCode.OK);
                await Task.Delay(TimeSpan.FromMilliseconds(40), CancellationToken.None);
            }
        })));

    /// <summary>
    /// One post to every group through <paramref name="gateway"/>, one attempt each, recorded like any other post:
    /// whether the service is whole again. True when every one was acknowledged.
    /// </summary>
    public async Task<bool> ProbeAsync(int gateway, int round)
    {
        var all = true;
        foreach (var group in groups)
        {
            var clientId = $"{runId}-probe{gateway}-{round}";
            var started = DateTime.UtcNow;
            try
            {
                using var response = await owner.Gateway(gateway).PostAsJsonAsync($"/api/groups/{group}/messages", new { client_id = clientId, type = "text", text = "probe" });
                var body = await response.Content.ReadAsStringAsync();
                history.RecordAnswer(DateTime.UtcNow, $"probe {group}/{clientId}", gateway, response.StatusCode, response.Headers.RetryAfter is not null, body);
                var acknowledged = response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK;
                history.Record(new Operation(Kind, $"{group}/{clientId}", started, DateTime.UtcNow,
                    acknowledged ? Outcome.Acknowledged : (int)response.StatusCode is >= 400 and < 500 and not 429 ? Outcome.Refused : Outcome.Unknown,
                    acknowledged ? JsonDocument.Parse(body).RootElement.Clone() : null, $"{(int)response.StatusCode} {body}"));
                all &= acknowledged;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                history.Record(new Operation(Kind, $"{group}/{clientId}", started, DateTime.UtcNow, Outcome.Unknown, null, ex.Message));
                all = false;
            }
        }

        return all;
    }

    /// <summary>
    /// Every acknowledged message is in its group's history exactly once, at the sequence number it was acknowledged
    /// with; a message of unknown outcome is there at most once; a refused one is not there; every group's sequence
    /// runs 1, 2, 3… with no gap and no number twice. Returns what is wrong (empty when nothing is).
    /// </summary>
    public async Task<List<string>> CheckAsync(Client reader)
    {
        var problems = new List<string>();
        var stored = new Dictionary<string, List<(long Seq, string? ClientId)>>();
        foreach (var group in groups)
        {
            var messages = new List<(long, string?)>();
            long after = 0;
            while (true)
            {
                var page = await Client.ExpectAsync(HttpStatusCode.OK, () => reader.Gateway(0).GetAsync($"/api/groups/{group}/messages?after={after}&limit=200"));
                var batch = page.GetProperty("messages").EnumerateArray()
                    .Select(m => (m.GetProperty("seq").GetInt64(), m.TryGetProperty("client_id", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null))
                    .ToList();
                if (batch.Count == 0)
                    break;
                messages.AddRange(batch);
                after = batch[^1].Item1;
            }

            stored[group] = messages;
            for (var i = 0; i < messages.Count; i++)
            {
                if (messages[i].Item1 != i + 1)
                {
                    problems.Add($"group {group}: position {i + 1} holds sequence {messages[i].Item1} (gap or duplicate)");
                    break;
                }
            }
        }

        var byKey = stored.SelectMany(g => g.Value.Where(m => m.ClientId?.StartsWith(runId, StringComparison.Ordinal) == true)
                .Select(m => (Key: $"{g.Key}/{m.ClientId}", m.Seq)))
            .GroupBy(m => m.Key)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Seq).ToList());
        foreach (var operation in history.OfKind(Kind))
        {
            byKey.TryGetValue(operation.Key, out var found);
            found ??= [];
            switch (operation.Outcome)
            {
                case Outcome.Acknowledged:
                    var seq = operation.Answer!.Value.GetProperty("seq").GetInt64();
                    if (found.Count != 1 || found[0] != seq)
                        problems.Add($"acknowledged {operation.Key} at {seq} is stored at [{string.Join(", ", found)}]");
                    break;
                case Outcome.Unknown when found.Count > 1:
                    problems.Add($"{operation.Key} (outcome unknown) is stored {found.Count} times");
                    break;
                case Outcome.Refused when found.Count > 0:
                    problems.Add($"refused {operation.Key} ({operation.Detail}) is stored at [{string.Join(", ", found)}]");
                    break;
            }
        }

        return problems;
    }
}
