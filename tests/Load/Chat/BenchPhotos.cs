using System.Runtime.InteropServices;
using SkiaSharp;
using TestSupport.Media;

namespace Load.Chat;

/// <summary>
/// Photo-like JPEGs for the upload benchmarks: the test pictures with a camera's sensor grain on top. Grain gives them
/// a photo's weight (about 0.2 bytes per pixel at JPEG quality 90, where the smooth test drawing alone takes a fifth
/// of that) and the texture the decoder and the QR search meet in a photo.
/// </summary>
internal static class BenchPhotos
{
    /// <summary>A photo-like picture without a QR code.</summary>
    public static byte[] Photo(int width, int height, int seed = 1) =>
        Grainy(TestMedia.Picture(width, height, SKEncodedImageFormat.Png, seed), seed);

    /// <summary>A photo-like square picture with a QR code holding <paramref name="text"/> in its middle.</summary>
    public static byte[] QrPhoto(string text, int side, int seed = 1) =>
        Grainy(TestMedia.QrPicture(text, side, SKEncodedImageFormat.Png), seed);

    private static byte[] Grainy(byte[] png, int seed)
    {
        using var picture = SKBitmap.Decode(png);
        var pixels = picture.Bytes;
        var grain = new byte[pixels.Length];
        new Random(seed).NextBytes(grain);
        for (var i = 0; i < pixels.Length; i++)
        {
            // Every colour channel ±12; the fourth byte of a pixel is its (opaque) alpha.
            if (i % picture.BytesPerPixel != 3)
                pixels[i] = (byte)Math.Clamp(pixels[i] + (grain[i] % 25) - 12, 0, 255);
        }

        Marshal.Copy(pixels, 0, picture.GetPixels(), pixels.Length);
        using var jpeg = picture.Encode(SKEncodedImageFormat.Jpeg, 90);
        return jpeg.ToArray();
    }
}
