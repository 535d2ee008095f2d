using System.Text.RegularExpressions;

namespace Grains.Interfaces.Accounts;

/// <summary>Username rules: 3-32 letters, digits, '_' or '-'. The user id is the name in lower case.</summary>
public static partial class AccountNames
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    public static bool IsValidUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    public static string UserIdFor(string username) => username.ToLowerInvariant();

    [GeneratedRegex(@"^[\p{L}\p{Nd}_-]{3,32}$")]
    private static partial Regex UsernamePattern();
}
