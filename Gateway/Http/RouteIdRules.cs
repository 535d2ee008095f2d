using System.Text.RegularExpressions;
using Grains.Chain;
using Grains.Interfaces.Accounts;

namespace Gateway.Http;

/// <summary>
/// What each route parameter may hold, by its name in the route template. Every id taken from a route is
/// checked here, before any handler or grain sees it, so a blank or malformed id is a 400 and never reaches a
/// grain key.
/// </summary>
public static partial class RouteIdRules
{
    public const int MaxLength = 128;

    /// <summary>Null when <paramref name="value"/> is acceptable for the parameter <paramref name="name"/>, else why not.</summary>
    public static string? Check(string name, string value) => name switch
    {
        "id" => GroupId().IsMatch(value) ? null : "a group id is 1-64 letters, digits, '_' or '-'",
        "upload" => Hex().IsMatch(value) && value.Length == 32 ? null : "an upload id is 32 hex digits",
        "packet" => Hex().IsMatch(value) && value.Length == 16 ? null : "a red packet id is 16 hex digits",
        "user" => value == "me" || AccountNames.IsValidUsername(value) ? null : "a user is 'me' or a username (3-32 letters, digits, '_' or '-')",
        "node" => NodeIds.IsValid(value) ? null : "a node id is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
        "tx" or "hash" => Hex().IsMatch(value) && value.Length == 64 ? null : $"a {(name == "tx" ? "transaction id" : "block hash")} is 64 hex digits",
        "address" => Hex().IsMatch(value) && value.Length == 40 ? null : "an address is 40 hex digits",
        _ => value.Length is > 0 and <= MaxLength && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl)
            ? null
            : $"a route value is 1-{MaxLength} characters, not blank, without control characters",
    };

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex GroupId();

    [GeneratedRegex(@"\A[0-9a-fA-F]+\z")]
    private static partial Regex Hex();
}
