using System.Text.RegularExpressions;

namespace Grains.Chat;

/// <summary>
/// Finds links in message text: anything with a URL scheme (<c>https://</c>, <c>ftp://</c>, <c>tg://</c>…),
/// <c>www.</c> names, and bare domains whose last label is a known top-level domain (<c>example.com/x</c>,
/// <c>t.me/abc</c>). Plain sentences, version numbers and decimals are not links.
/// </summary>
public static partial class LinkDetector
{
    // Common generic TLDs and those often used for short links. A bare "word.word" only counts when the
    // last label is here, so "e.g." or "file.txt" do not trip the filter.
    private static readonly HashSet<string> TopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "info", "biz", "io", "co", "me", "app", "dev", "xyz", "top", "vip", "club",
        "site", "online", "shop", "link", "live", "one", "ai", "gg", "ly", "cc", "tv", "to", "so", "im",
        "cn", "hk", "tw", "jp", "kr", "ru", "de", "uk", "fr", "nl", "us", "eu", "in", "br", "ca", "au",
        "edu", "gov", "mobi", "pro", "tech", "news", "finance", "money", "exchange", "network", "fun",
    };

    public static bool ContainsLink(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return false;

        if (SchemePattern().IsMatch(text) || WwwPattern().IsMatch(text))
            return true;

        foreach (Match match in BareDomainPattern().Matches(text))
        {
            if (TopLevelDomains.Contains(match.Groups["tld"].Value))
                return true;
        }

        return false;
    }

    [GeneratedRegex(@"\b[a-z][a-z0-9+.\-]{1,15}://\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"\bwww\d{0,3}\.[a-z0-9\-]+\.[a-z]{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WwwPattern();

    [GeneratedRegex(@"(?<![\w@.\-])(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?<tld>[a-z]{2,24})(?![\w\-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareDomainPattern();
}
