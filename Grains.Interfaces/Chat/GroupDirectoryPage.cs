namespace Grains.Interfaces.Chat;

/// <summary>A page of the directory, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("Chat.GroupDirectoryPage")]
public sealed record GroupDirectoryPage(
    [property: Id(0)] GroupListing[] Items,
    [property: Id(1)] string? NextCursor);
