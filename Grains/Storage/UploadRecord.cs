namespace Grains.Storage;

/// <summary>
/// What is known of a stored upload. <see cref="Kind"/> is the message type it can be posted as (image, audio, video,
/// file), <see cref="ContentType"/> what its bytes were sniffed to be, <see cref="HasQr"/> whether its image held a
/// QR code when it was decoded on upload. A thumbnail is an upload of its own with <see cref="ParentId"/> set: it
/// is readable by whoever may read the parent and can never be posted itself.
/// </summary>
public sealed record UploadRecord(
    string Id,
    string OwnerId,
    string Kind,
    string ContentType,
    long Size,
    string Sha256,
    DateTimeOffset CreatedAt,
    int? Width = null,
    int? Height = null,
    long? DurationMs = null,
    bool HasQr = false,
    string? FileName = null,
    string? ThumbnailId = null,
    string? ParentId = null);

/// <summary>An owner's uploads in a window: how many, how many bytes, and when the oldest of them was made.</summary>
public sealed record UploadUsage(int Count, long Bytes, DateTimeOffset? Oldest);
