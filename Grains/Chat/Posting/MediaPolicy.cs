using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;

namespace Grains.Chat.Posting;

/// <summary>
/// Whether an upload may be posted as a message of a given type by this member: it exists (thumbnails never count),
/// it is the poster's own, and its kind is the message's type (any upload may go as a file). The message then
/// carries what members need to show it. An image that held a QR code is for moderators only while the group's
/// QR filter is on, whatever type it is posted as.
/// </summary>
public static class MediaPolicy
{
    public static MediaRef Check(string type, string userId, string uploadId, UploadRecord? upload)
    {
        if (upload is null || upload.ParentId is not null)
            throw DomainException.Unprocessable(ErrorCodes.UploadNotFound, $"There is no upload {uploadId}.");
        if (upload.OwnerId != userId)
            throw DomainException.Forbidden(ErrorCodes.UploadNotYours, "Only the member who uploaded a file can post it.");
        if (type != MessageTypes.File && upload.Kind != type)
            throw DomainException.Unprocessable(ErrorCodes.UploadTypeMismatch, $"Upload {uploadId} is {Article(upload.Kind)} {upload.Kind}; post it as {Article(upload.Kind)} {upload.Kind} or a file message.");
        return new MediaRef(upload.Id, upload.ContentType, upload.Size, upload.Width, upload.Height, upload.DurationMs, upload.ThumbnailId, upload.FileName);
    }

    /// <summary>The moderator-only reason an upload adds to what the content rules said (the first reason stands).</summary>
    public static ModeratorReason Reason(GroupSettings settings, ModeratorReason content, UploadRecord upload) =>
        content == ModeratorReason.None && settings.DetectQr && upload.HasQr ? ModeratorReason.QrCode : content;

    private static string Article(string kind) => kind is MessageTypes.Image or MessageTypes.Audio ? "an" : "a";
}
