namespace Grains.Interfaces.Chat;

/// <summary>
/// The upload an image, audio, video or file message carries: what members need to show it without fetching it first.
/// <see cref="ThumbnailId"/> is a small JPEG of an image (itself an upload, readable by the same members);
/// <see cref="DurationMs"/> is known for WAV and MP4 audio and video.
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.MediaRef")]
public sealed record MediaRef(
    [property: Id(0)] string UploadId,
    [property: Id(1)] string ContentType,
    [property: Id(2)] long Size,
    [property: Id(3)] int? Width = null,
    [property: Id(4)] int? Height = null,
    [property: Id(5)] long? DurationMs = null,
    [property: Id(6)] string? ThumbnailId = null,
    [property: Id(7)] string? FileName = null);
