using Grains.Chat.Links;

namespace Grains.Tests.Chat.Links;

public sealed class PublicSuffixListTests
{
    private const string Sample = """
        // This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.

        // ===BEGIN ICANN DOMAINS===
        com
        uk
        co.uk
        *.ck
        !www.ck
        中国
        pl   this text after whitespace is ignored
        // ===END ICANN DOMAINS===
        // ===BEGIN PRIVATE DOMAINS===
        blogspot.test
        // ===END PRIVATE DOMAINS===
        """;

    private static readonly PublicSuffixList List = PublicSuffixList.Parse(new StringReader(Sample));

    [Theory]
    [InlineData("example.com")]
    [InlineData("EXAMPLE.COM")]
    [InlineData("a.b.example.co.uk")]
    [InlineData("co.uk")]
    [InlineData("b.a.ck")]
    [InlineData("www.ck")]
    [InlineData("x.www.ck")]
    [InlineData("例子.中国")]
    [InlineData("ex.ample.pl")]
    [InlineData("me.blogspot.test")]
    public void A_label_in_front_of_an_explicit_rule_is_a_domain(string name) =>
        Assert.True(List.HasLabelBeforeSuffix(name));

    [Theory]
    [InlineData("com")]
    [InlineData("uk")]
    [InlineData("a.ck")]
    [InlineData("blogspot.test")]
    [InlineData("report.txt")]
    [InlineData("example.cn")]
    [InlineData(".com")]
    [InlineData("")]
    public void A_bare_suffix_or_an_unlisted_last_label_is_not(string name) =>
        Assert.False(List.HasLabelBeforeSuffix(name));

    [Theory]
    [InlineData("exa*mple")]
    [InlineData("a.*.b")]
    [InlineData("!!a.b")]
    [InlineData("a..b")]
    public void A_rule_it_cannot_match_is_refused_with_its_line(string rule)
    {
        var error = Assert.Throws<InvalidDataException>(() => PublicSuffixList.Parse(new StringReader($"// x\n{rule}\n")));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_list_loads_both_sections_with_unicode_wildcard_and_exception_rules()
    {
        var list = PublicSuffixList.Default;
        // The ICANN section alone holds about 7,400 rules and the PRIVATE one about 2,100.
        Assert.InRange(list.RuleCount, 9_000, 30_000);
        Assert.Same(list, PublicSuffixList.Default);
        Assert.True(list.HasLabelBeforeSuffix("ex.ample.pl"));
        Assert.True(list.HasLabelBeforeSuffix("例子.中国"));
        Assert.True(list.HasLabelBeforeSuffix("उदाहरण.भारत"));
        Assert.True(list.HasLabelBeforeSuffix("www.ck"));
        Assert.False(list.HasLabelBeforeSuffix("a.ck"));
        Assert.False(list.HasLabelBeforeSuffix("notes.pdf"));
    }
}
