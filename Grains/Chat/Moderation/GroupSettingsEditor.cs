using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Chat.Moderation;

/// <summary>Checks and applies a settings change; a bad field refuses the whole change (400).</summary>
public static class GroupSettingsEditor
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 1000;

    public static string CheckName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength)
            throw DomainException.Invalid(ErrorCodes.NameInvalid, $"name is required and at most {MaxNameLength} characters.");
        return trimmed;
    }

    public static string CheckText(string field, string code, string? text)
    {
        if (text is { Length: > MaxTextLength })
            throw DomainException.Invalid(code, $"{field} is at most {MaxTextLength} characters.");
        return text ?? string.Empty;
    }

    public static GroupSettings Apply(GroupSettings current, GroupSettingsPatch patch)
    {
        var next = current;
        if (patch.Name is not null)
            next = next with { Name = CheckName(patch.Name) };
        if (patch.Description is not null)
            next = next with { Description = CheckText("description", ErrorCodes.DescriptionTooLong, patch.Description) };
        if (patch.WelcomeText is not null)
            next = next with { WelcomeText = CheckText("welcome_text", ErrorCodes.WelcomeTextTooLong, patch.WelcomeText) };
        if (patch.AllowedTypes is not null)
        {
            var unknown = patch.AllowedTypes.Where(t => !MessageTypes.IsKnown(t)).ToArray();
            if (unknown.Length > 0)
                throw DomainException.Invalid(ErrorCodes.TypeUnknown, $"Unknown message types: {string.Join(", ", unknown)}.");
            next = next with { AllowedTypes = [.. patch.AllowedTypes.Distinct(StringComparer.Ordinal)] };
        }

        if (patch.RateLimit is { } limit)
        {
            if (limit.Messages is < 0 or > 1000 || limit.PeriodSeconds is < 1 or > 86400 || limit.Burst is < 1 or > 1000)
                throw DomainException.Invalid(ErrorCodes.RateLimitInvalid, "rate_limit needs messages 0-1000 (0 = off), period_seconds 1-86400 and burst 1-1000.");
            next = next with { RateLimit = limit };
        }

        if (patch.MuteAll is { } mute)
            next = next with { MuteAll = mute };
        if (patch.LinkFilter is { } filter)
            next = next with { LinkFilter = filter };
        if (patch.DetectQr is { } detectQr)
            next = next with { DetectQr = detectQr };
        if (patch.MaxMessageBytes is { } max)
        {
            if (max is < 1 or > GroupSettings.MaxMessageBytesCeiling)
                throw DomainException.Invalid(ErrorCodes.MaxMessageBytesInvalid, $"max_message_bytes must be between 1 and {GroupSettings.MaxMessageBytesCeiling}.");
            next = next with { MaxMessageBytes = max };
        }

        if (patch.Templates is { } templates)
            next = next with { Templates = ApplyTemplates(next.Templates, templates) };
        if (patch.JoinPrice is { } price)
        {
            if (price is < 0 or > MaxJoinPrice)
                throw DomainException.Invalid(ErrorCodes.AmountInvalid, $"join_price is 0 (free) to {MaxJoinPrice} units.");
            next = next with { JoinPrice = price == 0 ? null : price };
        }

        if (patch.Treasury is { } treasury)
        {
            if (treasury.Length > 0 && (!Chain.Model.Address.IsValid(treasury) || treasury == Chain.Model.Address.Coinbase))
                throw DomainException.Invalid(ErrorCodes.TreasuryInvalid, "treasury is an address (40 lower-case hex digits), or empty for the group's own wallet.");
            next = next with { Treasury = treasury.Length == 0 ? null : treasury };
        }

        return next;
    }

    /// <summary>A million coins: a price above it is a typo, not a club.</summary>
    public const long MaxJoinPrice = 1_000_000L * 100_000_000L;

    private static MessageTemplates ApplyTemplates(MessageTemplates current, MessageTemplatesPatch patch) => current with
    {
        JoinNotice = Template("join_notice", patch.JoinNotice) ?? current.JoinNotice,
        MuteNotice = Template("mute_notice", patch.MuteNotice) ?? current.MuteNotice,
        UnmuteNotice = Template("unmute_notice", patch.UnmuteNotice) ?? current.UnmuteNotice,
        TooFrequent = Template("too_frequent", patch.TooFrequent) ?? current.TooFrequent,
        UnsubscribedTip = Template("unsubscribed_tip", patch.UnsubscribedTip) ?? current.UnsubscribedTip,
        InfoAnswer = Template("info_answer", patch.InfoAnswer) ?? current.InfoAnswer,
        HelpAnswer = Template("help_answer", patch.HelpAnswer) ?? current.HelpAnswer,
        QrRefused = Template("qr_refused", patch.QrRefused) ?? current.QrRefused,
    };

    private static string? Template(string name, string? template)
    {
        if (template is null)
            return null;
        if (template.Length is 0 or > MaxTextLength)
            throw DomainException.Invalid(ErrorCodes.TemplateInvalid, $"templates.{name} must be 1-{MaxTextLength} characters.");
        var unknown = TemplateFormatter.UnknownPlaceholders(template);
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid(ErrorCodes.TemplatePlaceholderUnknown,
                $"templates.{name} uses unknown placeholders {string.Join(", ", unknown.Select(u => "{" + u + "}"))}; known: {string.Join(", ", TemplateFormatter.KnownPlaceholders.Select(p => "{" + p + "}"))}.");
        }

        return template;
    }
}
