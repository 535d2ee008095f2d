using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Grains.Interfaces.Accounts;

/// <summary>
/// Username rules. A name is taken in Unicode NFKC form (so full-width and compatibility forms are the plain
/// letters they look like), must be 3-32 letters, digits, '_' or '-' (combining marks allowed after the first
/// character, for scripts that need them), and is unique case-insensitively: the user id is its case-folded form.
/// Look-alikes across scripts are refused separately, by the confusable skeleton registry.
/// </summary>
public static partial class AccountNames
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    /// <summary>Sign-in refuses longer passwords before hashing anything (a slow hash of a megabyte costs the server).</summary>
    public const int MaxPasswordBytes = 1024;

    public const string Rule = "3-32 letters, digits, '_' or '-'";

    /// <summary>
    /// The display form (<paramref name="username"/>, NFKC) and the unique key (<paramref name="userId"/>) of a name
    /// as typed; false when it breaks the rules.
    /// </summary>
    public static bool TryCanonicalize(string? input, [NotNullWhen(true)] out string? username, [NotNullWhen(true)] out string? userId)
    {
        username = userId = null;
        if (input is null || input.Length > 256)
            return false;
        string normalized;
        try
        {
            normalized = input.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised: not a name.
            return false;
        }

        if (!UsernamePattern().IsMatch(normalized) || normalized.Any(IsInvisible))
            return false;
        username = normalized;
        userId = Fold(normalized);
        return UsernamePattern().IsMatch(userId);
    }

    public static bool IsValidUsername(string? input) => TryCanonicalize(input, out _, out _);

    /// <summary>True when <paramref name="userId"/> is already a user id: a valid name in its folded form.</summary>
    public static bool IsUserId(string? userId) => TryCanonicalize(userId, out _, out var id) && id == userId;

    /// <summary>The user id of a valid name; throws on an invalid one (check first).</summary>
    public static string UserIdFor(string username) =>
        TryCanonicalize(username, out _, out var id) ? id : throw new ArgumentException($"not a valid username: {Rule}", nameof(username));

    /// <summary>
    /// Simple case folding: upper then lower case maps the variants a lower-casing alone keeps apart (final sigma),
    /// then NFKC again because case mapping can leave a string unnormalised.
    /// </summary>
    private static string Fold(string name) => name.ToUpperInvariant().ToLowerInvariant().Normalize(NormalizationForm.FormKC);

    // Marks that render as nothing and only serve to make two names differ: variation selectors, the grapheme joiner.
    private static bool IsInvisible(char c) => c is '\u034F' or (>= '\uFE00' and <= '\uFE0F') or (>= '\u180B' and <= '\u180F');

    [GeneratedRegex(@"\A[\p{L}\p{Nd}_-][\p{L}\p{Mn}\p{Mc}\p{Nd}_-]{2,31}\z")]
    private static partial Regex UsernamePattern();
}
