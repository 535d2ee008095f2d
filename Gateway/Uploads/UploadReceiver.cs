using System.Buffers;
using System.Security.Cryptography;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Uploads;

/// <summary>
/// Takes one multipart upload and stores it as it streams in: sniffs the first bytes for the kind, enforces that
/// kind's cap while counting, hashes, and hands the bytes to the store chunk by chunk. Images are also kept (within
/// their 10 MiB cap) to be decoded once at the end; ZIP archives go to a temporary file to be checked for bombs.
/// Whatever goes wrong before the commit (a cap, a broken image, a client that stops sending) stores nothing.
/// </summary>
public sealed class UploadReceiver(IUploadStore store, ImageInspector images, IOptions<UploadOptions> options, TimeProvider clock, ILogger<UploadReceiver> logger)
{
    /// <summary>Multipart framing around the file (boundaries, part headers, small fields) beyond the file's own cap.</summary>
    public const long FramingAllowance = 64 * 1024;

    private const int MaxFileNameLength = 255;

    private UploadOptions Options => options.Value;

    public async Task<UploadRecord> ReceiveAsync(HttpRequest request, string ownerId, CancellationToken cancellationToken)
    {
        var boundary = Boundary(request.ContentType);
        await CheckQuotaAsync(ownerId, request.ContentLength ?? 0, cancellationToken);

        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.IsFileDisposition() && disposition.Name.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    return await StoreAsync(request, reader, section, FileName(disposition), ownerId, cancellationToken);
                }

                await section.Body.DrainAsync(cancellationToken);
            }
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(Options.LargestCap);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A body cut short (the client stopped sending), or multipart framing that never closes.
            throw DomainException.Invalid(ErrorCodes.UploadIncomplete, $"The upload ended before it was complete ({ex.Message.TrimEnd('.')}); nothing was stored.");
        }

        throw DomainException.Invalid(ErrorCodes.MultipartInvalid, "The form has no file part: send the file as a part named \"file\" with a filename.");
    }

    private async Task<UploadRecord> StoreAsync(HttpRequest request, MultipartReader reader, MultipartSection section, string? fileName, string ownerId,
        CancellationToken cancellationToken)
    {
        var head = new byte[MediaSniffer.HeadLength];
        var headLength = await section.Body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0)
            throw DomainException.Invalid(ErrorCodes.UploadEmpty, "The file is empty.");
        var sniffed = MediaSniffer.Sniff(head.AsSpan(0, headLength));
        if (MediaSniffer.DeclaredKind(section.ContentType) is { } declared && declared != sniffed.Kind)
        {
            throw DomainException.UnsupportedMediaType(ErrorCodes.UploadContentType,
                $"The part says {section.ContentType} but its bytes are {sniffed.ContentType}; send {declared} content, or the file without that type.");
        }

        var cap = Options.CapFor(sniffed.Kind);
        if (request.ContentLength is { } declaredLength && declaredLength > cap + FramingAllowance)
            throw TooLarge(cap, sniffed.Kind);

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow();
        await using var writer = await store.BeginAsync(id, cancellationToken);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var image = sniffed.Kind == MessageTypes.Image ? new MemoryStream() : null;
        await using var archive = sniffed.IsZip ? TemporaryFile() : null;
        var duration = new DurationProbe(sniffed.ContentType);
        long size = 0;

        async ValueTask TakeAsync(ReadOnlyMemory<byte> bytes)
        {
            size += bytes.Length;
            if (size > cap)
                throw TooLarge(cap, sniffed.Kind);
            sha.AppendData(bytes.Span);
            image?.Write(bytes.Span);
            archive?.Write(bytes.Span);
            duration.Feed(bytes.Span);
            await writer.WriteAsync(bytes, cancellationToken);
        }

        await TakeAsync(head.AsMemory(0, headLength));
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await section.Body.ReadAsync(buffer, cancellationToken)) > 0)
                await TakeAsync(buffer.AsMemory(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // The closing boundary must arrive too: a body cut after the file's last byte is still incomplete.
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } rest)
            await rest.Body.DrainAsync(cancellationToken);

        var contentType = sniffed.ContentType;
        if (archive is not null)
        {
            archive.Position = 0;
            if (!ArchiveInspector.Inspect(archive, size, Options.MaxArchiveExpandedBytes))
                contentType = "application/octet-stream";
        }

        UploadRecord? thumbnail = null;
        byte[] thumbnailBytes = [];
        ImageFacts? facts = null;
        if (image is not null)
        {
            facts = await images.InspectAsync(image.GetBuffer().AsMemory(0, (int)image.Length), cancellationToken);
            thumbnailBytes = facts.Thumbnail;
            thumbnail = new UploadRecord(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), ownerId, MessageTypes.Image, "image/jpeg",
                thumbnailBytes.Length, Convert.ToHexStringLower(SHA256.HashData(thumbnailBytes)), now, facts.ThumbnailWidth, facts.ThumbnailHeight, ParentId: id);
        }

        var upload = new UploadRecord(id, ownerId, sniffed.Kind, contentType, size, Convert.ToHexStringLower(sha.GetHashAndReset()), now,
            facts?.Width, facts?.Height, duration.Milliseconds, facts?.HasQr ?? false, fileName, thumbnail?.Id);
        await writer.CommitAsync(upload, thumbnail, thumbnailBytes, cancellationToken);
        logger.LogInformation("Stored upload {UploadId}: {Kind} {ContentType}, {Size} bytes, for {Owner}", id, upload.Kind, contentType, size, ownerId);
        return upload;
    }

    private async Task CheckQuotaAsync(string ownerId, long incoming, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var usage = await store.GetUsageSinceAsync(ownerId, now.AddHours(-1), cancellationToken);
        if (usage.Count < Options.UploadsPerHour && usage.Bytes + Math.Max(0, incoming - FramingAllowance) <= Options.BytesPerHour)
            return;
        var wait = usage.Oldest is { } oldest ? oldest.AddHours(1) - now : TimeSpan.FromHours(1);
        if (wait < TimeSpan.FromSeconds(1))
            wait = TimeSpan.FromSeconds(1);
        throw DomainException.TooMany(ErrorCodes.UploadQuota,
            $"You have uploaded {usage.Count} files ({usage.Bytes:N0} bytes) in the last hour; at most {Options.UploadsPerHour} files and {Options.BytesPerHour:N0} bytes an hour are accepted.", wait);
    }

    private static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw DomainException.UnsupportedMediaType(ErrorCodes.UploadContentType, "Send the upload as multipart/form-data with the file in a part named \"file\".");
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
            throw DomainException.Invalid(ErrorCodes.MultipartInvalid, "The multipart/form-data Content-Type needs a boundary of 1-200 characters.");
        return boundary;
    }

    /// <summary>The client's file name, kept for downloads: the last path segment, no control characters, at most 255 characters.</summary>
    private static string? FileName(ContentDispositionHeaderValue disposition)
    {
        var raw = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        var name = new string(raw.Replace('\\', '/').Split('/')[^1].Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? null : name.Length > MaxFileNameLength ? name[..MaxFileNameLength] : name;
    }

    private static FileStream TemporaryFile() => new(Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
        FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);

    private static DomainException TooLarge(long cap, string? kind = null) => DomainException.TooLarge(ErrorCodes.UploadTooLarge,
        kind is null ? $"The upload is larger than {cap:N0} bytes." : $"The {kind} is larger than {cap:N0} bytes, the most accepted for {kind} uploads.");
}
