using System.Text.RegularExpressions;

namespace Grains.Chain;

/// <summary>What a node id may look like: it is also a URL segment (<c>/zhangsan/mine</c>).</summary>
public static partial class NodeIds
{
    public const string Pattern = @"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\z";

    /// <summary>First path segments the gateway uses itself, so they cannot name a node.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "api", "health", "openapi", "swagger" };

    public static bool IsValid(string? id) => id is not null && ValidId().IsMatch(id) && !Reserved.Contains(id);

    [GeneratedRegex(Pattern)]
    private static partial Regex ValidId();
}
