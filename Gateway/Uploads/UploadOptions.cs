using System.ComponentModel.DataAnnotations;
using Grains.Interfaces.Chat;

namespace Gateway.Uploads;

/// <summary>
/// Settings under <c>Uploads</c> (environment: <c>Uploads__ImageMaxBytes</c> …): size caps per kind, the hourly
/// quota per account, and the bounds on decoding an image (pixels, time) that make a decompression bomb cheap.
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    private const long MiB = 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long ImageMaxBytes { get; set; } = 10 * MiB;

    [Range(1, long.MaxValue)]
    public long AudioMaxBytes { get; set; } = 20 * MiB;

    [Range(1, long.MaxValue)]
    public long VideoMaxBytes { get; set; } = 100 * MiB;

    [Range(1, long.MaxValue)]
    public long FileMaxBytes { get; set; } = 50 * MiB;

    /// <summary>Uploads one account may make per hour (429 <c>upload_quota</c> beyond).</summary>
    [Range(1, int.MaxValue)]
    public int UploadsPerHour { get; set; } = 100;

    /// <summary>Bytes one account may upload per hour (429 <c>upload_quota</c> beyond).</summary>
    [Range(1, long.MaxValue)]
    public long BytesPerHour { get; set; } = 1024 * MiB;

    /// <summary>The largest image decoded, in pixels (width × height); larger ones are refused from their header.</summary>
    [Range(1, int.MaxValue)]
    public int MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>The longest side of an image, in pixels.</summary>
    [Range(1, int.MaxValue)]
    public int MaxImageSide { get; set; } = 16_384;

    /// <summary>How long decoding, the QR check and the thumbnail of one image may take.</summary>
    [Range(1, 600)]
    public int DecodeTimeoutSeconds { get; set; } = 10;

    /// <summary>Images decoded at once per gateway (each can hold MaxImagePixels × 4 bytes); 0: one per core.</summary>
    [Range(0, 1024)]
    public int ConcurrentDecodes { get; set; }

    /// <summary>The box a thumbnail fits in, in pixels.</summary>
    [Range(16, 2048)]
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>A ZIP archive that would unpack (nested archives included) to more than this is refused as a bomb.</summary>
    [Range(1, long.MaxValue)]
    public long MaxArchiveExpandedBytes { get; set; } = 1024 * MiB;

    public long CapFor(string kind) => kind switch
    {
        MessageTypes.Image => ImageMaxBytes,
        MessageTypes.Audio => AudioMaxBytes,
        MessageTypes.Video => VideoMaxBytes,
        _ => FileMaxBytes,
    };

    public long LargestCap => Math.Max(Math.Max(ImageMaxBytes, AudioMaxBytes), Math.Max(VideoMaxBytes, FileMaxBytes));
}
