namespace Gateway.Tests.Http.Fuzz;

/// <summary>One distinct offending request (the same request with different tokens counts once), with the server's log for it.</summary>
public sealed record FuzzFinding(FuzzCase Request, FuzzOutcome Outcome, string Rule, string Response, IReadOnlyList<string> ServerLog)
{
    public SortedSet<TokenRole> Tokens { get; } = [];

    /// <summary>The first exception line the server logged, or the problem's code: what groups findings into one bug.</summary>
    public string Cause => ServerLog.SelectMany(l => l.Split('\n')).Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal) && !l.StartsWith("at ", StringComparison.Ordinal))
        ?? Rule;
}
