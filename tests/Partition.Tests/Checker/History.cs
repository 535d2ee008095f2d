using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Partition.Tests.Checker;

/// <summary>How a client operation ended, as the client saw it.</summary>
public enum Outcome
{
    /// <summary>The service said it was done (2xx).</summary>
    Acknowledged,

    /// <summary>The service said no (4xx): nothing may have been done.</summary>
    Refused,

    /// <summary>No answer the client could trust (timeout, dropped connection, 503 to the last attempt): done or not.</summary>
    Unknown,
}

/// <summary>One client operation (all its attempts) and what became of it.</summary>
public sealed record Operation(string Kind, string Key, DateTime Started, DateTime Ended, Outcome Outcome, JsonElement? Answer, string? Detail);

/// <summary>One HTTP answer the service gave, kept to check the rule on server errors.</summary>
public sealed record Answer(DateTime At, string Request, int Gateway, HttpStatusCode Status, bool HasRetryAfter, string Body);

/// <summary>
/// Everything the clients did and were told during a scenario, in the style of a Jepsen history: each operation
/// with its outcome, and every answer with a 5xx status.
/// </summary>
public sealed class History
{
    private readonly ConcurrentQueue<Operation> _operations = new();
    private readonly ConcurrentQueue<Answer> _serverErrors = new();
    private long _answers;

    public IReadOnlyCollection<Operation> Operations => _operations;
    public IReadOnlyCollection<Answer> ServerErrors => _serverErrors;
    public long Answers => Interlocked.Read(ref _answers);

    public void Record(Operation operation) => _operations.Enqueue(operation);

    public void RecordAnswer(DateTime at, string request, int gateway, HttpStatusCode status, bool hasRetryAfter, string body)
    {
        Interlocked.Increment(ref _answers);
        if ((int)status >= 500)
            _serverErrors.Enqueue(new Answer(at, request, gateway, status, hasRetryAfter, body));
    }

    public IEnumerable<Operation> OfKind(string kind) => _operations.Where(o => o.Kind == kind);

    public string Summary(string kind)
    {
        var ops = OfKind(kind).ToList();
        return $"{kind}: {ops.Count(o => o.Outcome == Outcome.Acknowledged)} acknowledged, {ops.Count(o => o.Outcome == Outcome.Refused)} refused, {ops.Count(o => o.Outcome == Outcome.Unknown)} unknown";
    }
}
