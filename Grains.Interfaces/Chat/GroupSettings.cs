namespace Grains.Interfaces.Chat;

/// <summary>
/// Everything the owner and operators can change at run time. <see cref="JoinPrice"/>: units a member pays to join
/// (null: free); <see cref="Treasury"/>: the address joins are paid to (null: the group's own wallet).
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.GroupSettings")]
public sealed record GroupSettings(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] string WelcomeText,
    [property: Id(3)] string[] AllowedTypes,
    [property: Id(4)] RateLimitSettings RateLimit,
    [property: Id(5)] bool MuteAll,
    [property: Id(6)] bool LinkFilter,
    [property: Id(7)] int MaxMessageBytes,
    [property: Id(8)] MessageTemplates Templates,
    [property: Id(9)] long? JoinPrice = null,
    [property: Id(10)] string? Treasury = null,
    [property: Id(11)] bool DetectQr = false)
{
    public const int DefaultMaxMessageBytes = 4096;
    public const int MaxMessageBytesCeiling = 65536;

    public static GroupSettings Create(string name, string? description) => new(
        name, description ?? string.Empty, string.Empty, [.. MessageTypes.All], RateLimitSettings.Default,
        MuteAll: false, LinkFilter: false, DefaultMaxMessageBytes, MessageTemplates.Default);
}
