using System.Collections.Frozen;
using System.Text;

namespace Grains.Chat.Links;

/// <summary>
/// Mozilla's public suffix list (<see href="https://publicsuffix.org/"/>): plain rules (<c>com</c>, <c>co.uk</c>),
/// wildcard rules (<c>*.ck</c>) and exception rules (<c>!www.ck</c>) from both its ICANN and PRIVATE sections,
/// matched case-insensitively against labels as the file writes them (Unicode, e.g. <c>中国</c>, not punycode).
/// <see cref="Default"/> is the copy embedded from <c>Chat/Links/PublicSuffix/public_suffix_list.dat</c>.
/// </summary>
internal sealed class PublicSuffixList
{
    internal const string ResourceName = "Grains.Chat.Links.PublicSuffix.public_suffix_list.dat";

    // Parsed on first use, once per process; a missing or malformed resource fails every caller the same way
    // (and fails the tests before it can ship), rather than quietly letting every domain through.
    private static readonly Lazy<PublicSuffixList> Embedded = new(LoadEmbedded);

    // Span lookups so callers can ask about a slice of a message without allocating a string per label.
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _rules;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _wildcardParents;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _exceptions;
    private readonly int _maxLabels;

    private PublicSuffixList(HashSet<string> rules, HashSet<string> wildcardParents, HashSet<string> exceptions, int maxLabels)
    {
        _rules = rules.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcardParents = wildcardParents.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _exceptions = exceptions.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _maxLabels = maxLabels;
        RuleCount = rules.Count + wildcardParents.Count + exceptions.Count;
    }

    public static PublicSuffixList Default => Embedded.Value;

    public int RuleCount { get; }

    /// <summary>Reads the list's text format: one rule per line up to the first whitespace; <c>//</c> lines are comments.</summary>
    public static PublicSuffixList Parse(TextReader reader)
    {
        var rules = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var wildcardParents = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var exceptions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var maxLabels = 0;
        var lineNumber = 0;

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty || text.StartsWith("//", StringComparison.Ordinal))
                continue;

            var end = text.IndexOfAny(' ', '\t');
            var rule = (end < 0 ? text : text[..end]).ToString();
            maxLabels = Math.Max(maxLabels, rule.AsSpan().Count('.') + 1);

            if (rule.StartsWith('!'))
                exceptions.Add(Checked(rule[1..], lineNumber));
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
                wildcardParents.Add(Checked(rule[2..], lineNumber));
            else
                rules.Add(Checked(rule, lineNumber));
        }

        if (rules.Count == 0)
            throw new InvalidDataException("The public suffix list has no rules.");
        return new PublicSuffixList(rules, wildcardParents, exceptions, maxLabels);
    }

    /// <summary>
    /// True when <paramref name="name"/> (labels joined by single dots) has at least one label in front of a suffix
    /// that an explicit rule makes public: <c>ex.ample.pl</c>, <c>例子.中国</c>, <c>github.io</c> (via <c>io</c>),
    /// <c>b.a.ck</c> (via <c>*.ck</c>), <c>www.ck</c> (via <c>!www.ck</c>). A bare suffix (<c>co.uk</c>, <c>a.ck</c>)
    /// or a name whose last label only the list's implicit <c>*</c> rule covers (<c>report.txt</c>) is not.
    /// </summary>
    public bool HasLabelBeforeSuffix(ReadOnlySpan<char> name)
    {
        // Suffixes are tried from the last label leftwards, each a hash lookup of a slice of the name, and no
        // rule is longer than _maxLabels, so a name costs a few lookups however many labels it has.
        var suffixStart = name.LastIndexOf('.') + 1;
        var shorterStart = -1;
        for (var labels = 1; suffixStart > 0 && labels <= _maxLabels; labels++)
        {
            var frontStart = name[..(suffixStart - 1)].LastIndexOf('.') + 1;
            if (frontStart == suffixStart - 1)
                return false;

            var suffix = name[suffixStart..];
            if (_rules.Contains(suffix)
                || (shorterStart >= 0 && _wildcardParents.Contains(name[shorterStart..]) && !_exceptions.Contains(suffix))
                || _exceptions.Contains(name[frontStart..]))
            {
                return true;
            }

            shorterStart = suffixStart;
            suffixStart = frontStart;
        }

        return false;
    }

    private static string Checked(string rule, int lineNumber)
    {
        // Only a leading "*." or "!" is understood; anything else would be matched as literal text and never hit.
        if (rule.Length == 0 || rule.Contains('*') || rule.Contains('!') || rule.StartsWith('.') || rule.EndsWith('.') || rule.Contains(".."))
            throw new InvalidDataException($"Public suffix list line {lineNumber}: unsupported rule \"{rule}\".");
        return rule;
    }

    private static PublicSuffixList LoadEmbedded()
    {
        var assembly = typeof(PublicSuffixList).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no embedded resource {ResourceName}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }
}
