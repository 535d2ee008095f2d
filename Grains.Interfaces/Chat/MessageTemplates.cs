namespace Grains.Interfaces.Chat;

/// <summary>
/// The texts of system messages, with placeholders <c>{user}</c>, <c>{group}</c>, <c>{count}</c>,
/// <c>{retry_after}</c> (<c>{{</c> and <c>}}</c> for literal braces).
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.MessageTemplates")]
public sealed record MessageTemplates(
    [property: Id(0)] string JoinNotice,
    [property: Id(1)] string MuteNotice,
    [property: Id(2)] string UnmuteNotice,
    [property: Id(3)] string TooFrequent,
    [property: Id(4)] string UnsubscribedTip,
    [property: Id(5)] string InfoAnswer,
    [property: Id(6)] string HelpAnswer,
    [property: Id(7)] string? QrRefused = null)
{
    public static MessageTemplates Default { get; } = new(
        JoinNotice: "{user} joined {group}",
        MuteNotice: "The group is muted: only the owner and operators can post for now.",
        UnmuteNotice: "The group is unmuted: you can post again.",
        TooFrequent: "You are sending too often; try again in {retry_after} s.",
        UnsubscribedTip: "You have unsubscribed from this group, so you can neither send nor receive its messages. Subscribe again to take part.",
        InfoAnswer: "Current subscribers: {count}",
        HelpAnswer: "Commands: /INFO shows the subscriber count; /HELP lists the commands.",
        QrRefused: "{user}, images with QR codes are not allowed in {group}.");

    /// <summary>The QR-code refusal; groups stored before it existed have none and use the default.</summary>
    public string QrRefusedOrDefault => QrRefused ?? Default.QrRefused!;
}
