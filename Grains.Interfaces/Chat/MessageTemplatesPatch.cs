using System.Text.Json.Serialization;

namespace Grains.Interfaces.Chat;

[GenerateSerializer, Immutable, Alias("Chat.MessageTemplatesPatch")]
public sealed record MessageTemplatesPatch(
    [property: Id(0), JsonPropertyName("join_notice")] string? JoinNotice = null,
    [property: Id(1), JsonPropertyName("mute_notice")] string? MuteNotice = null,
    [property: Id(2), JsonPropertyName("unmute_notice")] string? UnmuteNotice = null,
    [property: Id(3), JsonPropertyName("too_frequent")] string? TooFrequent = null,
    [property: Id(4), JsonPropertyName("unsubscribed_tip")] string? UnsubscribedTip = null,
    [property: Id(5), JsonPropertyName("info_answer")] string? InfoAnswer = null,
    [property: Id(6), JsonPropertyName("help_answer")] string? HelpAnswer = null);
