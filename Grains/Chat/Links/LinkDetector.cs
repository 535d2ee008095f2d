using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Grains.Chat.Links;

/// <summary>
/// Finds links in message text: anything with a URL scheme (<c>https://</c>, <c>ftp://</c>, <c>tg://</c>…),
/// <c>www.</c> names, and bare domains that end in a suffix of the public suffix list with a label in front
/// (<c>example.com/x</c>, <c>ex.ample.pl</c>, <c>例子.中国</c>). The text is normalised first so look-alike dots
/// (<c>example。com</c>), full-width letters, invisible characters and spaces around a dot (<c>evil . com</c>)
/// do not hide a link. Plain sentences, version numbers, decimals and file names whose extension is not a public
/// suffix (<c>report.txt</c>) are not links; one that is (<c>README.md</c>, <c>setup.zip</c>) is flagged like a domain.
/// </summary>
public static partial class LinkDetector
{
    // What a browser's IDNA mapping (UTS #46) reads as a label separator: the full stop and its ideographic,
    // full-width, half-width, small, vertical and one-dot-leader forms. Middle dots (· ・) are left out on
    // purpose: Chinese and Japanese write names with them ("美丽·中国") and a browser does not split on them.
    private const string DotForms = ".\u3002\uFF0E\uFF61\uFE12\uFE52\u2024";

    // Chat messages are short; longer ones are folded into a pooled array instead of the stack.
    private const int StackBufferLength = 512;

    private const int MaxLabelLength = 63;

    private static readonly SearchValues<char> Dots = SearchValues.Create(DotForms);
    private static readonly SearchValues<char> Colons = SearchValues.Create(":\uFF1A");

    public static bool ContainsLink(string? text)
    {
        if (string.IsNullOrEmpty(text) || !MayContainLink(text))
            return false;

        var source = NormalizeCompatibility(text);
        char[]? rented = null;
        Span<char> buffer = source.Length <= StackBufferLength
            ? stackalloc char[StackBufferLength]
            : (rented = ArrayPool<char>.Shared.Rent(source.Length));
        try
        {
            ReadOnlySpan<char> folded = buffer[..Fold(source, buffer)];
            // Without a "://" in the text the scheme pattern would still read up to 16 characters at every letter
            // looking for one, which costs more than everything else here together.
            return (folded.Contains("://", StringComparison.Ordinal) && SchemePattern().IsMatch(folded))
                || WwwPattern().IsMatch(folded)
                || ContainsBareDomain(folded);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<char>.Shared.Return(rented);
        }
    }

    // Every link needs a dot or a "://"; most messages have neither and leave here without being copied.
    private static bool MayContainLink(ReadOnlySpan<char> text)
    {
        if (text.ContainsAny(Dots))
            return true;

        while (true)
        {
            var colon = text.IndexOfAny(Colons);
            if (colon < 0 || colon + 2 >= text.Length)
                return false;
            if (IsSlash(text[colon + 1]) && IsSlash(text[colon + 2]))
                return true;
            text = text[(colon + 1)..];
        }
    }

    private static bool IsSlash(char c) => c is '/' or '\uFF0F';

    // NFKC folds compatibility forms (full-width letters, ligatures, circled and mathematical letters). The cluster
    // runs with InvariantGlobalization, where .NET has no normalisation data and returns the text unchanged, so
    // Fold repeats by hand the foldings links hide behind; here NFKC still does the rest wherever ICU is loaded.
    private static string NormalizeCompatibility(string text)
    {
        if (Ascii.IsValid(text))
            return text;
        try
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalised; a message must not fail to post because of the link filter.
            return text;
        }
    }

    // Writes into destination the text the patterns see: full-width ASCII and U+3000 as ASCII, every dot form as
    // '.', format characters (zero-width spaces and joiners, soft hyphen, BOM, bidi controls) dropped, and the
    // whitespace removed around a dot that has whitespace on both sides ("evil . com"). A dot with whitespace on
    // one side only is punctuation ("Hello. It is me", "3 .1") and stays as it is. Returns the length written.
    private static int Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        var length = 0;
        foreach (var original in source)
        {
            var c = original;
            if (c >= '\u0080')
            {
                if (c is >= '\uFF01' and <= '\uFF5E')
                    c = (char)(c - 0xFEE0);
                else if (c == '\u3000')
                    c = ' ';
                else if (Dots.Contains(c))
                    c = '.';
                else if (char.GetUnicodeCategory(c) == UnicodeCategory.Format)
                    continue;
            }

            destination[length++] = c;
        }

        var written = 0;
        for (var read = 0; read < length; read++)
        {
            var c = destination[read];
            if (c == '.' && written > 0 && char.IsWhiteSpace(destination[written - 1])
                && read + 1 < length && char.IsWhiteSpace(destination[read + 1]))
            {
                while (written > 0 && char.IsWhiteSpace(destination[written - 1]))
                    written--;
                while (read + 1 < length && char.IsWhiteSpace(destination[read + 1]))
                    read++;
            }

            destination[written++] = c;
        }

        return written;
    }

    private static bool ContainsBareDomain(ReadOnlySpan<char> text)
    {
        var suffixes = PublicSuffixList.Default;
        var from = 0;
        while (from < text.Length)
        {
            var dot = text[from..].IndexOf('.');
            if (dot < 0)
                return false;
            dot += from;

            var start = dot;
            while (start > 0 && IsNameChar(text[start - 1]))
                start--;
            var end = dot + 1;
            while (end < text.Length && IsNameChar(text[end]))
                end++;

            // A name right after '@' is the host of an e-mail address, which the filter has never counted as a link.
            if ((start == 0 || text[start - 1] != '@') && IsDomain(text[start..end], suffixes))
                return true;
            from = end;
        }

        return false;
    }

    private static bool IsNameChar(char c) => c == '.' || IsLabelChar(c);

    // Letters, digits and hyphens, plus combining marks because Indic and Thai names need them ("भारत").
    private static bool IsLabelChar(char c) =>
        c < '\u0080'
            ? char.IsAsciiLetterOrDigit(c) || c == '-'
            : char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber;

    private static bool IsDomain(ReadOnlySpan<char> run, PublicSuffixList suffixes)
    {
        // Dots and hyphens at the ends belong to the sentence ("see example.com.", "...", "example.com--"); the
        // name is the chain of labels that ends the run, cut where a label is empty ("wait...com") or longer
        // than DNS allows.
        run = run.TrimStart('.').TrimEnd(".-");
        var nameStart = run.Length;
        var labels = 0;
        var labelLength = 0;
        for (var i = run.Length - 1; i >= -1; i--)
        {
            if (i >= 0 && run[i] != '.')
            {
                labelLength++;
                continue;
            }

            if (labelLength is 0 or > MaxLabelLength)
                break;
            labels++;
            nameStart = i + 1;
            labelLength = 0;
        }

        return labels >= 2 && IsListedName(run[nameStart..], suffixes);
    }

    private static bool IsListedName(ReadOnlySpan<char> name, PublicSuffixList suffixes)
    {
        var lastLabel = name[(name.LastIndexOf('.') + 1)..];
        if (AllDigits(lastLabel))
            return false;
        if (suffixes.HasLabelBeforeSuffix(name))
            return true;

        // Chinese text runs straight into a Latin name with no space ("点击mixin.one领取"): if the last label
        // starts in ASCII and goes on in another script, the ASCII part alone is what a reader would type.
        var ascii = 0;
        while (ascii < lastLabel.Length && lastLabel[ascii] < '\u0080')
            ascii++;
        if (ascii == 0 || ascii == lastLabel.Length)
            return false;
        var trimmed = name[..(name.Length - lastLabel.Length + ascii)];
        return !AllDigits(lastLabel[..ascii]) && suffixes.HasLabelBeforeSuffix(trimmed);
    }

    private static bool AllDigits(ReadOnlySpan<char> label)
    {
        foreach (var c in label)
        {
            if (!char.IsDigit(c))
                return false;
        }

        return true;
    }

    [GeneratedRegex(@"\b[a-z][a-z0-9+.\-]{1,15}://\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"\bwww\d{0,3}\.[a-z0-9\-]+\.[a-z]{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WwwPattern();
}
