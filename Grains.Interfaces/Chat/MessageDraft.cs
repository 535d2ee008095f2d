namespace Grains.Interfaces.Chat;

/// <summary>
/// What a member asks to post. <see cref="ClientId"/> makes retries safe. Image, audio, video and file messages name
/// an <see cref="UploadId"/> from <c>POST /api/uploads</c> (or, where the group allows links, an outside <see cref="Url"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.MessageDraft")]
public sealed record MessageDraft(
    [property: Id(0)] string? ClientId,
    [property: Id(1)] string? Type,
    [property: Id(2)] string? Text = null,
    [property: Id(3)] string? Url = null,
    [property: Id(4)] string? Contact = null,
    [property: Id(5)] string? UploadId = null);
