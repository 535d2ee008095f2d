namespace Grains.Interfaces.Chat;

/// <summary>What a member asks to post. <see cref="ClientId"/> makes retries safe.</summary>
[GenerateSerializer, Immutable, Alias("Chat.MessageDraft")]
public sealed record MessageDraft(
    [property: Id(0)] string? ClientId,
    [property: Id(1)] string? Type,
    [property: Id(2)] string? Text = null,
    [property: Id(3)] string? Url = null,
    [property: Id(4)] string? Contact = null);
