namespace Grains.Interfaces.Chat;

/// <summary>A page of the member list; <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("Chat.MemberPage")]
public sealed record MemberPage(
    [property: Id(0)] MemberView[] Items,
    [property: Id(1)] string? NextCursor);
