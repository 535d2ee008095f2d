using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TestSupport;

namespace Partition.Tests.Checker;

/// <summary>
/// One signed-in user with a connection to each gateway, as a careful client: every attempt's answer goes into
/// the <see cref="History"/>; a transient failure (503, a timeout, a dropped connection) is retried on the next
/// gateway with the same request (posts carry a client id, signed transactions are their own id), for a bounded time.
/// </summary>
public sealed class Client : IDisposable
{
    private readonly HttpClient[] _gateways;
    private readonly History _history;

    private Client(HttpClient[] gateways, History history, string userId)
    {
        _gateways = gateways;
        _history = history;
        UserId = userId;
    }

    public string UserId { get; }

    /// <summary>How long one operation keeps retrying before its outcome is recorded as unknown.</summary>
    public static TimeSpan OperationBudget { get; } = TimeSpan.FromSeconds(25);

    public static async Task<Client> SignUpAsync(IReadOnlyList<Uri> gateways, History history)
    {
        var clients = gateways.Select(address => new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(3) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(15),
        }).ToArray();
        var name = TestUsers.NewName("p");
        await ExpectAsync(HttpStatusCode.Created, () => clients[0].PostAsJsonAsync("/api/accounts", new { username = name, password = TestUsers.Password }));
        var token = (await ExpectAsync(HttpStatusCode.OK, () => clients[0].PostAsJsonAsync("/api/auth/token", new { username = name, password = TestUsers.Password })))
            .GetProperty("access_token").GetString()!;
        foreach (var client in clients)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Client(clients, history, name.ToLowerInvariant());
    }

    public HttpClient Gateway(int index) => _gateways[index];

    /// <summary>
    /// Runs one operation: tries <paramref name="send"/> on gateway <paramref name="firstGateway"/>, then the others in
    /// turn, until an answer in <paramref name="done"/> (acknowledged) or another 4xx (refused), or the budget is spent (unknown).
    /// </summary>
    public async Task<Operation> RunAsync(string kind, string key, int firstGateway, Func<HttpClient, Task<HttpResponseMessage>> send, params HttpStatusCode[] done)
    {
        var started = DateTime.UtcNow;
        string? lastProblem = null;
        for (var attempt = 0; DateTime.UtcNow - started < OperationBudget; attempt++)
        {
            var gateway = (firstGateway + attempt) % _gateways.Length;
            try
            {
                using var response = await send(_gateways[gateway]);
                var body = await response.Content.ReadAsStringAsync();
                _history.RecordAnswer(DateTime.UtcNow, $"{kind} {key}", gateway, response.StatusCode, response.Headers.RetryAfter is not null, body);
                if (done.Contains(response.StatusCode))
                    return Record(kind, key, started, Outcome.Acknowledged, body.Length == 0 ? null : JsonDocument.Parse(body).RootElement.Clone(), null);
                var status = (int)response.StatusCode;
                if (status is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                    return Record(kind, key, started, Outcome.Refused, body.Length == 0 ? null : JsonDocument.Parse(body).RootElement.Clone(), $"{status} {body}");
                lastProblem = $"{status} {body}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                lastProblem = $"{ex.GetType().Name}: {ex.Message}";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }

        return Record(kind, key, started, Outcome.Unknown, null, lastProblem);
    }

    public void Dispose()
    {
        foreach (var client in _gateways)
            client.Dispose();
    }

    private Operation Record(string kind, string key, DateTime started, Outcome outcome, JsonElement? answer, string? detail)
    {
        var operation = new Operation(kind, key, started, DateTime.UtcNow, outcome, answer, detail);
        _history.Record(operation);
        return operation;
    }

    /// <summary>
    /// A request expected to succeed (set-up and checking, outside any partition). A 503 with Retry-After means the
    /// cluster is still settling after a heal and nothing was done, so it is sent again, for at most a minute.
    /// </summary>
    public static async Task<JsonElement> ExpectAsync(HttpStatusCode status, Func<Task<HttpResponseMessage>> request)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await request();
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null && attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                continue;
            }

            if (response.StatusCode != status)
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}: {body}");
            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    public Task<JsonElement> PostJsonAsync(int gateway, string path, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        ExpectAsync(expected, () => _gateways[gateway].PostAsJsonAsync(path, body));
}
