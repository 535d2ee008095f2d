using Grains.Chat.Moderation;
using Grains.Interfaces.Chat;

namespace Grains.Tests.Chat.Moderation;

public sealed class TemplateFormatterTests
{
    private static readonly Dictionary<string, string> Values = new() { ["user"] = "alice", ["count"] = "42", ["group"] = "Mixin 中文群" };

    [Fact]
    public void Fills_placeholders_wherever_they_appear()
    {
        Assert.Equal("alice 加入了群组 Mixin 中文群", TemplateFormatter.Format("{user} 加入了群组 {group}", Values));
        Assert.Equal("当前订阅人数: 42", TemplateFormatter.Format("当前订阅人数: {count}", Values));
    }

    [Fact]
    public void Doubled_braces_are_literal_and_unknown_placeholders_stay_visible()
    {
        Assert.Equal("{user} is alice", TemplateFormatter.Format("{{user}} is {user}", Values));
        Assert.Equal("hi {usr}", TemplateFormatter.Format("hi {usr}", Values));
        Assert.Equal("unclosed { brace alice", TemplateFormatter.Format("unclosed { brace {user}", Values));
    }

    [Fact]
    public void Reports_placeholders_it_would_not_fill()
    {
        Assert.Equal(["usr"], TemplateFormatter.UnknownPlaceholders("hi {usr}, {{literal}} {count}"));
        Assert.Empty(TemplateFormatter.UnknownPlaceholders("{user} {group} {count} {retry_after}"));
    }

    [Fact]
    public void A_groups_template_gets_the_group_name_and_whatever_else_is_given()
    {
        var settings = GroupSettings.Create("Mixin 中文群", null);

        Assert.Equal("alice 加入了 Mixin 中文群", TemplateFormatter.ForGroup(settings, "{user} 加入了 {group}", "alice"));
        Assert.Equal("42 in Mixin 中文群, wait 3 s", TemplateFormatter.ForGroup(settings, "{count} in {group}, wait {retry_after} s", null, count: 42, retryAfterSeconds: 3));
        Assert.Equal("{user}: {count}", TemplateFormatter.ForGroup(settings, "{user}: {count}", null));
    }
}
