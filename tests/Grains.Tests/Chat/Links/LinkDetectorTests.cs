using Grains.Chat.Links;

namespace Grains.Tests.Chat.Links;

public sealed class LinkDetectorTests
{
    [Theory]
    [InlineData("see https://example.org/page")]
    [InlineData("HTTP://EXAMPLE.COM")]
    [InlineData("ftp://files.example.net/a.zip")]
    [InlineData("open tg://resolve?domain=group")]
    [InlineData("mirror at www.example.io")]
    [InlineData("join t.me/supergroup now")]
    [InlineData("buy at shop.example.com")]
    [InlineData("example.com")]
    [InlineData("点击 mixin.one 领取")]
    public void Finds_links_with_schemes_www_names_and_bare_domains(string text) =>
        Assert.True(LinkDetector.ContainsLink(text));

    [Theory]
    [InlineData("ex.ample.pl/x")]
    [InlineData("例子.中国")]
    [InlineData("उदाहरण.भारत")]
    [InlineData("see blog.github.io")]
    [InlineData("ends a sentence: example.com.")]
    public void Bare_domains_count_when_they_end_in_a_public_suffix(string text) =>
        Assert.True(LinkDetector.ContainsLink(text));

    [Theory]
    [InlineData("example。com")]
    [InlineData("example｡com")]
    [InlineData("example︒com")]
    [InlineData("ｅｘａｍｐｌｅ．ｃｏｍ")]
    [InlineData("ｔｇ：／／ｒｅｓｏｌｖｅ")]
    [InlineData("go to evil . com now")]
    [InlineData("go to evil \u3000.\u3000com now")]
    [InlineData("exa\u200Bmple\u200B.\u200Bcom")]
    [InlineData("点击mixin.one领取")]
    public void Look_alike_dots_full_width_letters_spaced_dots_and_invisible_characters_do_not_hide_a_link(string text) =>
        Assert.True(LinkDetector.ContainsLink(text));

    [Fact]
    public void A_label_longer_than_dns_allows_is_not_part_of_the_name()
    {
        var tooLong = new string('a', 64);
        Assert.False(LinkDetector.ContainsLink($"{tooLong}.com"));
        Assert.True(LinkDetector.ContainsLink($"{tooLong}.example.com"));
        Assert.True(LinkDetector.ContainsLink($"{new string('a', 63)}.com"));
    }

    [Fact]
    public void Long_messages_are_checked_to_the_end()
    {
        var filler = string.Concat(Enumerable.Repeat("今天天气不错。 v1.2 ", 100));
        Assert.False(LinkDetector.ContainsLink(filler));
        Assert.True(LinkDetector.ContainsLink(filler + "example。com"));
    }

    [Theory]
    [InlineData("hello everyone, how are you?")]
    [InlineData("I said no.Then I left")]
    [InlineData("version 1.2.3 is out")]
    [InlineData("pi is 3.14159")]
    [InlineData("e.g. this one, i.e. that one")]
    [InlineData("open report.txt and notes.pdf")]
    [InlineData("mail me: someone@example")]
    [InlineData("")]
    [InlineData("大家好，今天天气不错。")]
    [InlineData("Hello. It is me")]
    [InlineData("Hello .It is me")]
    [InlineData("好的。谢谢")]
    [InlineData("好的。 谢谢。")]
    [InlineData("pi is 3 . 14, or about 3 .1")]
    [InlineData("the gateway is 192.168.1.1")]
    [InlineData("wait...what")]
    [InlineData("美丽·中国")]
    [InlineData("note: see above")]
    [InlineData("我用的是v1.2版本")]
    public void Plain_text_is_not_a_link(string text) =>
        Assert.False(LinkDetector.ContainsLink(text));
}
