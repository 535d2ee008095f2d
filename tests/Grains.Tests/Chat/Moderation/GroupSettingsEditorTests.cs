using Grains.Chat.Moderation;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Tests.Chat.Moderation;

public sealed class GroupSettingsEditorTests
{
    private static readonly GroupSettings Open = GroupSettings.Create("g", null);

    [Fact]
    public void Settings_changes_are_checked_before_they_apply()
    {
        var changed = GroupSettingsEditor.Apply(Open, new GroupSettingsPatch(AllowedTypes: ["text"], MuteAll: true,
            Templates: new MessageTemplatesPatch(JoinNotice: "{user} 加入了群组")));
        Assert.Equal(["text"], changed.AllowedTypes);
        Assert.True(changed.MuteAll);
        Assert.Equal("{user} 加入了群组", changed.Templates.JoinNotice);
        Assert.Equal(Open.Templates.InfoAnswer, changed.Templates.InfoAnswer);

        Assert.Equal("template_placeholder_unknown", Assert.Throws<DomainException>(() =>
            GroupSettingsEditor.Apply(Open, new GroupSettingsPatch(Templates: new MessageTemplatesPatch(InfoAnswer: "{cnt}")))).Code);
        Assert.Equal("type_unknown", Assert.Throws<DomainException>(() => GroupSettingsEditor.Apply(Open, new GroupSettingsPatch(AllowedTypes: ["gif"]))).Code);
        Assert.Equal("rate_limit_invalid", Assert.Throws<DomainException>(() => GroupSettingsEditor.Apply(Open, new GroupSettingsPatch(RateLimit: new RateLimitSettings(1, 0, 1)))).Code);
    }
}
