using Grains.Storage;

namespace Gateway.Uploads;

/// <summary>
/// A stored upload as clients see it. <c>kind</c> is the message type it can be posted as; width and height are
/// an image's, <c>duration_ms</c> a WAV's or MP4's playing time; <c>thumbnail_id</c> names the image's thumbnail.
/// </summary>
public sealed record UploadView(
    string UploadId,
    string Kind,
    string ContentType,
    long Size,
    string Sha256,
    int? Width,
    int? Height,
    long? DurationMs,
    string? ThumbnailId,
    string? FileName,
    DateTimeOffset CreatedAt)
{
    public static UploadView Of(UploadRecord r) =>
        new(r.Id, r.Kind, r.ContentType, r.Size, r.Sha256, r.Width, r.Height, r.DurationMs, r.ThumbnailId, r.FileName, r.CreatedAt);
}
