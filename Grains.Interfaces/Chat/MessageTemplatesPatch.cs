namespace Grains.Interfaces.Chat;

[GenerateSerializer, Immutable, Alias("Chat.MessageTemplatesPatch")]
public sealed record MessageTemplatesPatch(
    [property: Id(0)] string? JoinNotice = null,
    [property: Id(1)] string? MuteNotice = null,
    [property: Id(2)] string? UnmuteNotice = null,
    [property: Id(3)] string? TooFrequent = null,
    [property: Id(4)] string? UnsubscribedTip = null,
    [property: Id(5)] string? InfoAnswer = null,
    [property: Id(6)] string? HelpAnswer = null,
    [property: Id(7)] string? QrRefused = null);
