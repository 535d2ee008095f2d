using System.Text.Unicode;
using Grains.Interfaces.Chat;

namespace Gateway.Uploads;

/// <summary>What the first bytes of an upload say it is; the client's own Content-Type is never taken on trust.</summary>
public sealed record SniffedType(string Kind, string ContentType)
{
    public bool IsZip => ContentType == "application/zip";
}

/// <summary>
/// Recognises the formats browsers can show or play (PNG, JPEG, GIF, WebP; MP3, Ogg, WAV, FLAC, M4A; MP4, QuickTime,
/// WebM) by their signatures. Anything else is a file: text/plain when the start is UTF-8 text, PDF and ZIP by name,
/// else application/octet-stream. SVG is text, so it is a file (and is always downloaded, never shown inline).
/// </summary>
public static class MediaSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeadLength = 4096;

    public static SniffedType Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return Image("image/png");
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return Image("image/jpeg");
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
            return Image("image/gif");
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            var form = head.Slice(8, 4);
            if (form.SequenceEqual("WEBP"u8))
                return Image("image/webp");
            if (form.SequenceEqual("WAVE"u8))
                return Audio("audio/wav");
        }

        if (head.StartsWith("OggS"u8))
            return Audio("audio/ogg");
        if (head.StartsWith("fLaC"u8))
            return Audio("audio/flac");
        if (head.StartsWith("ID3"u8) || IsMpegAudioFrame(head))
            return Audio("audio/mpeg");
        if (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = head.Slice(8, 4);
            if (brand.SequenceEqual("M4A "u8) || brand.SequenceEqual("M4B "u8))
                return Audio("audio/mp4");
            return brand.SequenceEqual("qt  "u8) ? Video("video/quicktime") : Video("video/mp4");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
            return head.IndexOf("webm"u8) >= 0 ? Video("video/webm") : Video("video/x-matroska");
        if (head.StartsWith("%PDF-"u8))
            return File("application/pdf");
        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) || head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06]))
            return File("application/zip");
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
            return File("application/gzip");
        return IsText(head) ? File("text/plain; charset=utf-8") : File("application/octet-stream");
    }

    /// <summary>The kind a client-declared Content-Type names, when it names one of the media kinds.</summary>
    public static string? DeclaredKind(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return null;
        var type = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        if (type.StartsWith("image/", StringComparison.Ordinal))
            return MessageTypes.Image;
        if (type.StartsWith("audio/", StringComparison.Ordinal))
            return MessageTypes.Audio;
        return type.StartsWith("video/", StringComparison.Ordinal) ? MessageTypes.Video : null;
    }

    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0
        && (head[1] & 0x06) != 0            // layer is not "reserved"
        && (head[2] & 0xF0) != 0xF0         // bitrate index is not "bad"
        && (head[2] & 0x0C) != 0x0C;        // sample rate index is not "reserved"

    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf((byte)0) >= 0)
            return false;
        // A multi-byte character may be cut at the end of the head: allow up to 3 trailing bytes to be incomplete.
        for (var trim = 0; trim <= Math.Min(3, head.Length); trim++)
        {
            if (Utf8.IsValid(head[..^trim]))
                return true;
        }

        return false;
    }

    private static SniffedType Image(string type) => new(MessageTypes.Image, type);

    private static SniffedType Audio(string type) => new(MessageTypes.Audio, type);

    private static SniffedType Video(string type) => new(MessageTypes.Video, type);

    private static SniffedType File(string type) => new(MessageTypes.File, type);
}
