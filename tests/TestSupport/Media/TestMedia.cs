using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using SkiaSharp;
using ZXing;
using ZXing.QrCode;

namespace TestSupport.Media;

/// <summary>Files for upload tests, made on the spot: pictures with and without QR codes, sound, video, broken and hostile files.</summary>
public static class TestMedia
{
    /// <summary>A photo-like picture (gradients and shapes, no QR code) of the given size.</summary>
    public static byte[] Picture(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int seed = 1)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var gradient = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                    [new SKColor(30, 90, (byte)(120 + seed % 100)), new SKColor(240, 180, 60)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, gradient);
            var random = new Random(seed);
            using var circle = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 12; i++)
            {
                circle.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 160);
                canvas.DrawCircle(random.Next(width), random.Next(height), Math.Max(2, Math.Min(width, height) / 6f), circle);
            }
        }

        return Encode(bitmap, format);
    }

    /// <summary>
    /// <see cref="Picture"/> with a camera's sensor grain (each channel of each pixel off by up to ±<paramref name="grain"/>):
    /// it compresses as badly as a real photo, so a PNG of a few megapixels weighs megabytes.
    /// </summary>
    public static byte[] GrainyPhoto(int width, int height, int grain = 12, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int seed = 1)
    {
        using var bitmap = SKBitmap.Decode(Picture(width, height, SKEncodedImageFormat.Png, seed));
        var pixels = bitmap.Pixels;
        var random = new Random(seed);
        byte Shift(byte channel) => (byte)Math.Clamp(channel + random.Next(-grain, grain + 1), 0, 255);
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = new SKColor(Shift(pixels[i].Red), Shift(pixels[i].Green), Shift(pixels[i].Blue), pixels[i].Alpha);
        bitmap.Pixels = pixels;
        return Encode(bitmap, format);
    }

    /// <summary>A picture of a QR code holding <paramref name="text"/>, <paramref name="size"/> pixels square, on a photo-like background.</summary>
    public static byte[] QrPicture(string text, int size = 480, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0);
        using var background = SKBitmap.Decode(Picture(size, size, SKEncodedImageFormat.Png, seed: 7));
        using var canvas = new SKCanvas(background);
        var code = size * 3 / 5;
        var origin = (size - code) / 2;
        var module = (float)code / (matrix.Width + 8);
        using var white = new SKPaint { Color = SKColors.White };
        using var black = new SKPaint { Color = SKColors.Black };
        canvas.DrawRect(origin, origin, code, code, white);
        for (var y = 0; y < matrix.Height; y++)
        {
            for (var x = 0; x < matrix.Width; x++)
            {
                if (matrix[x, y])
                    canvas.DrawRect(origin + (x + 4) * module, origin + (y + 4) * module, module, module, black);
            }
        }

        canvas.Flush();
        return Encode(background, format);
    }

    /// <summary>A PNG whose header claims <paramref name="width"/> × <paramref name="height"/> grey pixels, with a little real image data after it.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), compression, filter, interlace 0
        WriteChunk(png, "IHDR", header);
        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.Optimal, leaveOpen: true))
                zlib.Write(new byte[Math.Min((long)(width + 1) * height, 1 << 20)]);
            WriteChunk(png, "IDAT", data.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A 16-bit mono PCM WAV of silence lasting <paramref name="milliseconds"/>.</summary>
    public static byte[] Wav(int milliseconds, int sampleRate = 8000)
    {
        var samples = sampleRate * milliseconds / 1000;
        var wav = new byte[44 + samples * 2];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(wav, 0);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(wav, 8);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(wav, 36);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), samples * 2);
        return wav;
    }

    /// <summary>
    /// An MP4 laid out as a camera writes it (ftyp, then <paramref name="mediaBytes"/> of media data, then the moov
    /// box with the movie header at the end): lasting <paramref name="milliseconds"/>.
    /// </summary>
    public static byte[] Mp4(int milliseconds, int mediaBytes = 300_000, string brand = "isom")
    {
        using var mp4 = new MemoryStream();
        WriteBox(mp4, "ftyp", [.. Encoding.ASCII.GetBytes(brand), 0, 0, 2, 0, .. Encoding.ASCII.GetBytes("isommp41")]);
        var media = new byte[mediaBytes];
        new Random(3).NextBytes(media);
        WriteBox(mp4, "mdat", media);
        var mvhd = new byte[100];
        BinaryPrimitives.WriteInt32BigEndian(mvhd.AsSpan(12), 1000);         // timescale
        BinaryPrimitives.WriteInt32BigEndian(mvhd.AsSpan(16), milliseconds); // duration
        using var moov = new MemoryStream();
        WriteBox(moov, "mvhd", mvhd);
        WriteBox(mp4, "moov", moov.ToArray());
        return mp4.ToArray();
    }

    /// <summary>An MP3-looking file: an ID3 tag, then frames of noise.</summary>
    public static byte[] Mp3(int bytes = 50_000)
    {
        var mp3 = new byte[bytes];
        new Random(5).NextBytes(mp3);
        Encoding.ASCII.GetBytes("ID3").CopyTo(mp3, 0);
        mp3[3] = 4;
        mp3[4] = mp3[5] = mp3[6] = mp3[7] = mp3[8] = mp3[9] = 0;
        return mp3;
    }

    /// <summary>A ZIP with one entry of <paramref name="zeroBytes"/> zeros: tiny packed, huge unpacked.</summary>
    public static byte[] ZipOfZeros(long zeroBytes, string name = "zeros.bin")
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            var block = new byte[1 << 20];
            for (long written = 0; written < zeroBytes; written += block.Length)
                entry.Write(block, 0, (int)Math.Min(block.Length, zeroBytes - written));
        }

        return zip.ToArray();
    }

    /// <summary>A ZIP of <paramref name="copies"/> copies of an inner ZIP (42.zip's trick: each level looks harmless).</summary>
    public static byte[] NestedZip(byte[] inner, int copies)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < copies; i++)
            {
                using var entry = archive.CreateEntry($"part{i}.zip", CompressionLevel.SmallestSize).Open();
                entry.Write(inner);
            }
        }

        return zip.ToArray();
    }

    /// <summary>A multipart/form-data body with the file in a part named "file".</summary>
    public static MultipartFormDataContent Form(byte[] bytes, string fileName, string? contentType = null)
    {
        var file = new ByteArrayContent(bytes);
        if (contentType is not null)
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, System.IO.Hashing.Crc32.HashToUInt32(typed));
        png.Write(length);
    }

    private static void WriteBox(Stream stream, string type, byte[] body)
    {
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, body.Length + 8);
        stream.Write(size);
        stream.Write(Encoding.ASCII.GetBytes(type));
        stream.Write(body);
    }
}
