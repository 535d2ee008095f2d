namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// One request to send: the operation it exercises, the URL (route values and query already in), the token, the body
/// and any extra request headers (Accept, Last-Event-ID).
/// </summary>
public sealed record FuzzCase(ApiOperation Operation, string Url, TokenRole Token, FuzzBody Body, IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    /// <summary>A Server-Sent Events stream never ends: only its status line is checked.</summary>
    public bool IsStream => Operation.IsStreamRoute;

    public string HeaderText => Headers is { Count: > 0 } headers ? string.Join("; ", headers.Select(h => $"{h.Key}: {Cut(h.Value)}")) : "";

    private static string Cut(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
