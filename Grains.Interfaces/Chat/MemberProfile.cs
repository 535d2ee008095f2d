namespace Grains.Interfaces.Chat;

/// <summary>Who joins: the user id and the name others see.</summary>
[GenerateSerializer, Immutable, Alias("Chat.MemberProfile")]
public sealed record MemberProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username);
