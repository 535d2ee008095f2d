using Grains.Chat;

namespace Grains.Tests.Chat;

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
    [InlineData("hello everyone, how are you?")]
    [InlineData("I said no.Then I left")]
    [InlineData("version 1.2.3 is out")]
    [InlineData("pi is 3.14159")]
    [InlineData("e.g. this one, i.e. that one")]
    [InlineData("open report.txt and notes.pdf")]
    [InlineData("mail me: someone@example")]
    [InlineData("")]
    [InlineData("大家好，今天天气不错。")]
    public void Plain_text_is_not_a_link(string text) =>
        Assert.False(LinkDetector.ContainsLink(text));
}
