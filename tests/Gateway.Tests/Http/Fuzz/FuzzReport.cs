using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// Checks every answer against the rules (no 5xx, except a 503 with Retry-After; a 4xx with a body is
/// application/problem+json with a non-empty <c>code</c>; an answer arrives) and keeps the offending requests,
/// deduplicated, as a bug report.
/// </summary>
public sealed partial class FuzzReport
{
    private readonly Dictionary<string, FuzzFinding> _findings = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, int> _statuses = [];
    private readonly SortedDictionary<string, SortedDictionary<int, int>> _operations = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (int Count, FuzzCase Example)> _bodiless = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (int Count, FuzzCase Example, int Status, string Entry)> _logged = new(StringComparer.Ordinal);

    /// <summary>Every code the catalogue declares: an answer with any other code is a finding.</summary>
    private static readonly HashSet<string> KnownCodes = typeof(Grains.Interfaces.Errors.ErrorCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    public int Requests { get; private set; }

    public int Operations => _operations.Count;

    public int Offending { get; private set; }

    /// <summary>No 5xx, no error without a code, no 4xx without a body, and nothing the server logged as an error.</summary>
    public bool IsClean => _findings.Count == 0 && _bodiless.Count == 0 && _logged.Count == 0;

    public void Check(FuzzCase request, FuzzOutcome outcome, IReadOnlyList<string> serverLog)
    {
        Requests++;
        if (!_operations.TryGetValue(request.Operation.ToString(), out var statuses))
            _operations[request.Operation.ToString()] = statuses = [];
        statuses[outcome.Counted] = statuses.GetValueOrDefault(outcome.Counted) + 1;
        _statuses[outcome.Counted] = _statuses.GetValueOrDefault(outcome.Counted) + 1;
        foreach (var entry in serverLog)
        {
            var head = string.Join(" | ", entry.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith("at ", StringComparison.Ordinal)).Take(2));
            var seen = _logged.GetValueOrDefault(head);
            _logged[head] = (seen.Count + 1, seen.Example ?? request, seen.Example is null ? outcome.Status : seen.Status, seen.Entry ?? entry);
        }

        if (outcome is { Status: >= 400 and < 500, Body.Length: 0, RefusedBeforeApp: false })
        {
            var note = string.Create(CultureInfo.InvariantCulture, $"{outcome.Status} without a body{(request.HeaderText.Length > 0 ? " (" + request.HeaderText + ")" : "")}");
            _bodiless[note] = (_bodiless.GetValueOrDefault(note).Count + 1, _bodiless.GetValueOrDefault(note).Example ?? request);
        }

        if (Broken(outcome) is not { } rule)
            return;

        Offending++;
        // Status code pages pad their text with spaces (for old browsers); the trace id differs per request.
        var response = TraceId().Replace(Cut(outcome.Body.Trim(), outcome.TransportError is null ? 400 : 1500), "");
        var key = string.Join("\n", request.Operation.Method, request.Url, request.HeaderText, request.Body.Label, request.Body.Excerpt(), outcome.Status, rule, response);
        if (!_findings.TryGetValue(key, out var finding))
            _findings[key] = finding = new FuzzFinding(request, outcome, rule, response, serverLog);
        finding.Tokens.Add(request.Token);
    }

    /// <summary>Which rule the answer breaks, or null.</summary>
    public static string? Broken(FuzzOutcome outcome)
    {
        if (outcome.RefusedBeforeApp)
            return null;
        if (outcome.TransportError is { } error)
            return "no complete answer: " + error;
        if (outcome.Status >= 500)
            return outcome.Status == 503 && outcome.HasRetryAfter ? null : $"{outcome.Status} server error";
        if (outcome.Status is < 400 or >= 500 || outcome.Body.Length == 0)
            return null;
        if (outcome.MediaType != "application/problem+json")
            return $"{outcome.Status} with content type {outcome.MediaType ?? "(none)"}, not application/problem+json";
        try
        {
            using var problem = JsonDocument.Parse(outcome.Body);
            if (problem.RootElement.ValueKind != JsonValueKind.Object || !problem.RootElement.TryGetProperty("code", out var code)
                || code.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(code.GetString()))
                return $"{outcome.Status} problem without a non-empty code";
            return KnownCodes.Contains(code.GetString()!) ? null : $"{outcome.Status} with code {code.GetString()}, which is not in ErrorCodes";
        }
        catch (JsonException)
        {
            return $"{outcome.Status} problem that is not JSON";
        }
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Requests} requests over {Operations} operations; statuses {Statuses(_statuses)}; "
        + $"{Offending} offending requests, {_findings.Count} distinct, {_findings.Values.Select(Signature).Distinct().Count()} distinct causes; "
        + $"{_bodiless.Values.Sum(b => b.Count)} 4xx answers without a body; {_logged.Values.Sum(l => l.Count)} server log errors.");

    /// <summary>How each operation answered, to see that the requests got past validation into the handlers.</summary>
    public string Coverage() => string.Join(Environment.NewLine, _operations.Select(o => $"  {o.Key}: {Statuses(o.Value)}"));

    private static string Statuses(SortedDictionary<int, int> statuses) =>
        string.Join(", ", statuses.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key switch { 0 => "none", -1 => "refused-by-url-decoder", _ => s.Key.ToString(CultureInfo.InvariantCulture) }}×{s.Value}")));

    /// <summary>
    /// The offending requests, grouped by cause, at most <paramref name="maxDetails"/> of them in full; with
    /// <paramref name="withServerLog"/>, also every error the server logged during the run, whatever it answered.
    /// </summary>
    public string Describe(int maxDetails, bool withServerLog)
    {
        var text = new StringBuilder();
        text.AppendLine(Summary());
        text.AppendLine();
        text.AppendLine("Answers per operation:");
        text.AppendLine(Coverage());
        text.AppendLine();
        text.AppendLine("Causes (operation, status, rule or server exception) × distinct requests:");
        foreach (var group in _findings.Values.GroupBy(Signature).OrderBy(g => g.Key, StringComparer.Ordinal))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key}  ×{group.Count()}");
        text.AppendLine();
        text.AppendLine("Notes (allowed by the rules, listed for review): 4xx answers without a body, which carry no code:");
        foreach (var (note, (count, example)) in _bodiless)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {note}  ×{count}, e.g. {example.Operation.Method} {example.Url} [{example.Token}] body {example.Body.Label}");
        text.AppendLine();
        if (withServerLog)
        {
            text.AppendLine("Server log (errors, and warnings with an exception), whatever the answer was:");
            foreach (var (head, (count, example, status, entry)) in _logged)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  ×{count}: {head}");
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"      e.g. {example.Operation.Method} {example.Url} [{example.Token}{(example.HeaderText.Length > 0 ? "; " + example.HeaderText : "")}] body {example.Body.Label} -> {status}");
                text.AppendLine("      " + entry.Replace("\n", "\n      ", StringComparison.Ordinal));
            }

            text.AppendLine();
        }

        var shown = 0;
        foreach (var finding in _findings.Values.OrderBy(Signature, StringComparer.Ordinal))
        {
            if (++shown > maxDetails)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"… and {_findings.Count - maxDetails} more distinct requests.");
                break;
            }

            var request = finding.Request;
            text.AppendLine(CultureInfo.InvariantCulture, $"#{shown} {request.Operation.Method} {request.Url}   [tokens: {string.Join(", ", finding.Tokens)}]");
            if (request.HeaderText.Length > 0)
                text.AppendLine("    headers: " + request.HeaderText);
            text.AppendLine(CultureInfo.InvariantCulture, $"    body ({request.Body.Label}, {request.Body.ContentType ?? "no content type"}): {request.Body.Excerpt()}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    -> {(finding.Outcome.Status == 0 ? "no status" : finding.Outcome.Status)} {finding.Outcome.MediaType}: {finding.Rule}");
            if (finding.Response.Length > 0)
                text.AppendLine(CultureInfo.InvariantCulture, $"    response: {finding.Response}");
            foreach (var line in finding.ServerLog.Take(2))
                text.AppendLine("    server: " + line.Replace("\n", "\n    ", StringComparison.Ordinal));
        }

        return text.ToString();
    }

    private static string Signature(FuzzFinding finding) =>
        $"{finding.Request.Operation} -> {(finding.Outcome.Status == 0 ? "no status" : finding.Outcome.Status.ToString(CultureInfo.InvariantCulture))}: {finding.Cause}";

    private static string Cut(string text, int max) => text.Length > max ? text[..max] + "…" : text;

    [GeneratedRegex("\"traceId\":\"[^\"]*\",?")]
    private static partial Regex TraceId();
}
