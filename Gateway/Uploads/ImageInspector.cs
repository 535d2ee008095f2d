using Grains.Interfaces.Errors;
using Microsoft.Extensions.Options;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Gateway.Uploads;

/// <summary>What decoding an uploaded image found, and its thumbnail (a JPEG that fits the thumbnail box).</summary>
public sealed record ImageFacts(int Width, int Height, bool HasQr, byte[] Thumbnail, int ThumbnailWidth, int ThumbnailHeight);

/// <summary>
/// Decodes an uploaded image once, on the gateway (never on a grain's turn): checks it is whole, looks for a QR code
/// (ZXing) and makes the thumbnail (Skia). The header is read first: an image larger than the pixel or side caps
/// is refused before a single pixel is decoded, so a decompression bomb costs nothing. Decodes run at most
/// <see cref="UploadOptions.ConcurrentDecodes"/> at a time, each bounded by <see cref="UploadOptions.DecodeTimeoutSeconds"/>.
/// </summary>
public sealed class ImageInspector
{
    /// <summary>
    /// The QR search runs on at most this many pixels; larger images are scaled down for it first (a QR code meant to
    /// be scanned from a picture keeps modules of several pixels at this size).
    /// </summary>
    public const int QrScanPixels = 2_000_000;

    private readonly UploadOptions _options;
    private readonly SemaphoreSlim _decodes;

    public ImageInspector(IOptions<UploadOptions> options)
    {
        _options = options.Value;
        _decodes = new SemaphoreSlim(_options.ConcurrentDecodes > 0 ? _options.ConcurrentDecodes : Environment.ProcessorCount);
    }

    public async Task<ImageFacts> InspectAsync(ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(_options.DecodeTimeoutSeconds);
        await _decodes.WaitAsync(cancellationToken);
        // A decode cannot be interrupted; it is bounded by the pixel cap. The caller stops waiting at the timeout, but
        // the slot is given back only when the decode has really ended, so no more than the allowed number ever run.
        var work = Task.Run(() => Inspect(encoded.Span), CancellationToken.None);
        _ = work.ContinueWith(done =>
        {
            _ = done.Exception;
            _decodes.Release();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            return await work.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw DomainException.Unprocessable(ErrorCodes.ImageInvalid, $"The image could not be decoded within {_options.DecodeTimeoutSeconds} s.");
        }
    }

    /// <summary>The whole inspection on the calling thread (tests and the benchmark call it directly).</summary>
    public ImageFacts Inspect(ReadOnlySpan<byte> encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream, out var opened)
            ?? throw DomainException.Unprocessable(ErrorCodes.ImageInvalid, $"The image cannot be read ({Describe(opened)}).");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
            throw DomainException.Unprocessable(ErrorCodes.ImageInvalid, "The image has no pixels.");
        if (width > _options.MaxImageSide || height > _options.MaxImageSide || (long)width * height > _options.MaxImagePixels)
        {
            throw DomainException.Unprocessable(ErrorCodes.ImageTooLarge,
                $"The image is {width}×{height} pixels; at most {_options.MaxImageSide} pixels a side and {_options.MaxImagePixels:N0} pixels in all are accepted.");
        }

        // Nothing needs more pixels than the QR search: a JPEG or WebP is decoded straight to the smallest size the
        // codec offers that keeps that many (every byte of the data is still read and checked), others in full.
        var size = DecodeSize(codec, width, height);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var pixels = new SKBitmap(info);
        var decoded = codec.GetPixels(info, pixels.GetPixels());
        if (decoded != SKCodecResult.Success)
            throw DomainException.Unprocessable(ErrorCodes.ImageInvalid, $"The image is damaged or cut short ({Describe(decoded)}).");

        var hasQr = ContainsQrCode(pixels);
        var (thumbnail, thumbWidth, thumbHeight) = Thumbnail(pixels, _options.ThumbnailSize);
        return new ImageFacts(width, height, hasQr, thumbnail, thumbWidth, thumbHeight);
    }

    private static SKSizeI DecodeSize(SKCodec codec, int width, int height)
    {
        var best = new SKSizeI(width, height);
        if ((long)width * height <= QrScanPixels)
            return best;
        foreach (var scale in (ReadOnlySpan<float>)[0.5f, 0.25f, 0.125f])
        {
            var scaled = codec.GetScaledDimensions(scale);
            var pixels = (long)scaled.Width * scaled.Height;
            if (pixels >= QrScanPixels && pixels < (long)best.Width * best.Height)
                best = scaled;
        }

        return best;
    }

    /// <summary>Whether a QR code can be read anywhere in the image (transparent parts count as white).</summary>
    public static bool ContainsQrCode(SKBitmap image)
    {
        var scan = image;
        SKBitmap? scaled = null;
        try
        {
            if ((long)image.Width * image.Height > QrScanPixels)
            {
                var factor = Math.Sqrt((double)QrScanPixels / ((long)image.Width * image.Height));
                scaled = image.Resize(new SKImageInfo(Math.Max(1, (int)(image.Width * factor)), Math.Max(1, (int)(image.Height * factor)), SKColorType.Rgba8888, SKAlphaType.Unpremul),
                    new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
                scan = scaled;
            }

            var luminance = Luminance(scan);
            var source = new RGBLuminanceSource(luminance, scan.Width, scan.Height, RGBLuminanceSource.BitmapFormat.Gray8);
            var hints = new Dictionary<DecodeHintType, object>
            {
                [DecodeHintType.TRY_HARDER] = true,
                [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
            };
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints) is not null;
        }
        finally
        {
            scaled?.Dispose();
        }
    }

    private static byte[] Luminance(SKBitmap image)
    {
        var rgba = image.GetPixelSpan();
        var gray = new byte[image.Width * image.Height];
        for (int i = 0, p = 0; i < gray.Length; i++, p += 4)
        {
            var y = (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8;
            var alpha = rgba[p + 3];
            gray[i] = (byte)((y * alpha + 255 * (255 - alpha)) / 255);
        }

        return gray;
    }

    private static (byte[] Jpeg, int Width, int Height) Thumbnail(SKBitmap image, int box)
    {
        var scale = Math.Min(1.0, (double)box / Math.Max(image.Width, image.Height));
        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        using var scaled = image.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        // JPEG has no transparency: the picture goes onto white.
        using var thumbnail = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(thumbnail))
        {
            canvas.Clear(SKColors.White);
            using var picture = SKImage.FromBitmap(scaled);
            canvas.DrawImage(picture, 0, 0, SKSamplingOptions.Default);
        }

        using var jpeg = thumbnail.Encode(SKEncodedImageFormat.Jpeg, 80);
        return (jpeg.ToArray(), width, height);
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the data ends early",
        SKCodecResult.ErrorInInput => "the data is corrupt",
        SKCodecResult.Unimplemented => "an encoding that is not supported",
        _ => result.ToString(),
    };
}
