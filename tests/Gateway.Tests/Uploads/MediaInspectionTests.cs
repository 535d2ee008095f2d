using Gateway.Uploads;
using Grains.Interfaces.Errors;
using Microsoft.Extensions.Options;
using SkiaSharp;
using TestSupport.Media;

namespace Gateway.Tests.Uploads;

/// <summary>The rules behind uploads, without HTTP: sniffing, durations read while streaming, zip bombs, image checks.</summary>
public sealed class MediaInspectionTests
{
    [Theory]
    [InlineData("png", "image", "image/png")]
    [InlineData("jpeg", "image", "image/jpeg")]
    [InlineData("webp", "image", "image/webp")]
    [InlineData("wav", "audio", "audio/wav")]
    [InlineData("mp3", "audio", "audio/mpeg")]
    [InlineData("m4a", "audio", "audio/mp4")]
    [InlineData("mp4", "video", "video/mp4")]
    [InlineData("pdf", "file", "application/pdf")]
    [InlineData("zip", "file", "application/zip")]
    [InlineData("text", "file", "text/plain; charset=utf-8")]
    [InlineData("binary", "file", "application/octet-stream")]
    public void Types_are_sniffed_from_the_bytes(string sample, string kind, string contentType)
    {
        byte[] bytes = sample switch
        {
            "png" => TestMedia.Picture(10, 10),
            "jpeg" => TestMedia.Picture(10, 10, SKEncodedImageFormat.Jpeg),
            "webp" => TestMedia.Picture(10, 10, SKEncodedImageFormat.Webp),
            "wav" => TestMedia.Wav(10),
            "mp3" => TestMedia.Mp3(1000),
            "m4a" => TestMedia.Mp4(10, 100, brand: "M4A "),
            "mp4" => TestMedia.Mp4(10, 100),
            "pdf" => "%PDF-1.4\n"u8.ToArray(),
            "zip" => TestMedia.ZipOfZeros(10),
            "text" => "héllo, wörld"u8.ToArray(),
            _ => [0, 1, 2, 0xFE, 0xFF],
        };
        Assert.Equal(new SniffedType(kind, contentType), MediaSniffer.Sniff(bytes));
    }

    [Fact]
    public void Durations_are_read_however_the_bytes_are_cut()
    {
        var mp4 = TestMedia.Mp4(61_500, mediaBytes: 100_000);
        var wav = TestMedia.Wav(2_250);
        foreach (var piece in new[] { 1, 7, 4096, 1 << 20 })
        {
            Assert.Equal(61_500, Feed("video/mp4", mp4, piece));
            Assert.Equal(2_250, Feed("audio/wav", wav, piece));
        }

        Assert.Null(Feed("video/mp4", mp4[..50_000], 4096));
        Assert.Null(Feed("audio/mpeg", TestMedia.Mp3(), 4096));
    }

    [Fact]
    public void Zip_bombs_are_found_from_declared_and_nested_sizes_and_ordinary_archives_pass()
    {
        const long MiB = 1024 * 1024;
        var ordinary = TestMedia.ZipOfZeros(MiB);
        Assert.True(Inspect(ordinary, maxExpanded: 1024 * MiB));

        var bomb = Assert.Throws<DomainException>(() => Inspect(TestMedia.ZipOfZeros(100 * MiB), maxExpanded: 1024 * MiB));
        Assert.Equal(ErrorCodes.ArchiveBomb, bomb.Code);
        var nested = Assert.Throws<DomainException>(() => Inspect(TestMedia.NestedZip(TestMedia.ZipOfZeros(20 * MiB), 3), maxExpanded: 50 * MiB));
        // 60 MiB unpacked hides behind three inner archives of about 20 KB each: only opening them finds it.
        Assert.Equal(ErrorCodes.ArchiveBomb, nested.Code);
        Assert.Contains("more than 52,428,800 bytes", nested.Message, StringComparison.Ordinal);

        // Bytes that start like a zip but are not one are kept as an opaque file.
        Assert.False(Inspect([0x50, 0x4B, 0x03, 0x04, .. new byte[100]], maxExpanded: MiB));
    }

    [Fact]
    public void Images_are_measured_checked_for_qr_codes_and_thumbnailed_and_bombs_refused_from_their_header()
    {
        var inspector = new ImageInspector(Options.Create(new UploadOptions { MaxImagePixels = 4_000_000, MaxImageSide = 3000 }));
        var plain = inspector.Inspect(TestMedia.Picture(640, 480));
        Assert.Equal((640, 480, false, 320, 240), (plain.Width, plain.Height, plain.HasQr, plain.ThumbnailWidth, plain.ThumbnailHeight));
        using (var thumbnail = SKBitmap.Decode(plain.Thumbnail))
            Assert.Equal((320, 240), (thumbnail.Width, thumbnail.Height));

        Assert.True(inspector.Inspect(TestMedia.QrPicture("hello", 600)).HasQr);
        Assert.True(inspector.Inspect(TestMedia.QrPicture("large photo", 1900)).HasQr);
        var small = inspector.Inspect(TestMedia.Picture(40, 20));
        Assert.Equal((40, 20), (small.ThumbnailWidth, small.ThumbnailHeight));

        // A 9 MP JPEG is decoded at half size (2.25 MP): measured from its header, still checked to its last byte.
        var large = new ImageInspector(Options.Create(new UploadOptions()));
        var bigQr = large.Inspect(TestMedia.QrPicture("big picture", 3000, SKEncodedImageFormat.Jpeg));
        Assert.Equal((3000, 3000, true, 320, 320), (bigQr.Width, bigQr.Height, bigQr.HasQr, bigQr.ThumbnailWidth, bigQr.ThumbnailHeight));
        var bigPhoto = TestMedia.Picture(3000, 3000, SKEncodedImageFormat.Jpeg);
        Assert.False(large.Inspect(bigPhoto).HasQr);
        Assert.Equal(ErrorCodes.ImageInvalid, Assert.Throws<DomainException>(() => large.Inspect(bigPhoto[..(bigPhoto.Length * 3 / 4)])).Code);

        Assert.Equal(ErrorCodes.ImageTooLarge, Assert.Throws<DomainException>(() => inspector.Inspect(TestMedia.PngClaiming(2500, 2500))).Code);
        Assert.Equal(ErrorCodes.ImageTooLarge, Assert.Throws<DomainException>(() => inspector.Inspect(TestMedia.PngClaiming(1, 3001))).Code);
        Assert.Equal(ErrorCodes.ImageInvalid, Assert.Throws<DomainException>(() => inspector.Inspect(TestMedia.PngClaiming(100, 100)[..60])).Code);
    }

    private static long? Feed(string contentType, byte[] bytes, int piece)
    {
        var probe = new DurationProbe(contentType);
        for (var at = 0; at < bytes.Length; at += piece)
            probe.Feed(bytes.AsSpan(at, Math.Min(piece, bytes.Length - at)));
        return probe.Milliseconds;
    }

    private static bool Inspect(byte[] zip, long maxExpanded)
    {
        using var stream = new MemoryStream(zip);
        return ArchiveInspector.Inspect(stream, zip.Length, maxExpanded);
    }
}
