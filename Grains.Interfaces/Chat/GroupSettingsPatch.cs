namespace Grains.Interfaces.Chat;

/// <summary>
/// A partial update of <see cref="GroupSettings"/>: absent (null) fields stay as they are. <see cref="JoinPrice"/> 0 makes
/// the group free again; an empty <see cref="Treasury"/> goes back to the group's own wallet.
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.GroupSettingsPatch")]
public sealed record GroupSettingsPatch(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] string? Description = null,
    [property: Id(2)] string? WelcomeText = null,
    [property: Id(3)] string[]? AllowedTypes = null,
    [property: Id(4)] RateLimitSettings? RateLimit = null,
    [property: Id(5)] bool? MuteAll = null,
    [property: Id(6)] bool? LinkFilter = null,
    [property: Id(7)] int? MaxMessageBytes = null,
    [property: Id(8)] MessageTemplatesPatch? Templates = null,
    [property: Id(9)] long? JoinPrice = null,
    [property: Id(10)] string? Treasury = null,
    [property: Id(11)] bool? DetectQr = null);
