using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>Usernames for hardening tests: unique per run, and free of characters ICU confuses with others.</summary>
internal static class HardeningNames
{
    // ICU's skeleton maps '1' to 'l' and '0' to 'O', and many letters have look-alikes in other scripts; these do
    // not collide with the names the tests build around them.
    private const string Alphabet = "xkqz23456789";

    /// <summary>A random run of <paramref name="length"/> characters from a confusable-free alphabet.</summary>
    public static string Suffix(int length = 8)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            text.Append(Alphabet[Random.Shared.Next(Alphabet.Length)]);
        return text.ToString();
    }

    /// <summary>The full-width form of ASCII letters and digits (U+FF01-FF5E), which NFKC maps back.</summary>
    public static string FullWidth(string ascii) =>
        string.Concat(ascii.Select(c => c is > ' ' and <= '~' ? (char)(c - 0x21 + 0xFF01) : c));
}
