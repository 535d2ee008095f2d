using System.Diagnostics;
using Gateway.Uploads;
using Load.Foundation;
using Microsoft.Extensions.Options;
using SkiaSharp;
using TestSupport;

namespace Load.Chat;

/// <summary>
/// What the image check costs the gateway on every image upload, in process on one thread: the gateway's own
/// <see cref="ImageInspector.Inspect"/> (decode, QR search, thumbnail) and, apart, <see cref="ImageInspector.ContainsQrCode"/>
/// alone on an already decoded bitmap, for photo-like JPEGs of about 1, 4, 12 and 24 megapixels and the same sizes
/// holding a QR code. Prints the median (min–max) of --reps timings after --warmup ones, per image and per megapixel,
/// and fails unless the QR code was found in every QR image and in none of the plain ones.
/// </summary>
public static class QrScanBenchmark
{
    /// <summary>Photos in 4:3 as cameras take them; QR pictures are square with the same pixel count.</summary>
    private static readonly (int Width, int Height)[] Photos = [(1152, 864), (2304, 1728), (4000, 3000), (6000, 4000)];

    public static Task RunAsync(string[] arguments)
    {
        var args = new BenchArgs(arguments);
        int reps = args.Int("reps", 5), warmup = args.Int("warmup", 1), upTo = args.Int("up-to-mp", 24);
        // The gateway's defaults (40 MP, 16,384 px a side) admit 24 MP; only the decode slots do not matter here.
        var inspector = new ImageInspector(Options.Create(new UploadOptions()));
        Console.WriteLine($"qr-scan: the gateway's image check on photo-like JPEGs (quality 90, with sensor grain) with and without a QR code, median (min–max) of {reps} after {warmup} warm-up, one thread [{RepositoryPaths.Configuration} build]");
        Console.WriteLine($"the QR search looks at most {ImageInspector.QrScanPixels:N0} pixels: larger images are scaled down for it first");

        var wrong = new List<string>();
        foreach (var (width, height) in Photos.Where(p => p.Width * (long)p.Height <= (upTo + 0.5) * 1_000_000))
        {
            var side = (int)Math.Round(Math.Sqrt((double)width * height));
            var images = new (string Name, byte[] Jpeg, bool HasQr)[]
            {
                ("photo", BenchPhotos.Photo(width, height), false),
                ("photo with QR", BenchPhotos.QrPhoto($"https://example.test/qr-scan/{side}", side), true),
            };
            foreach (var (name, jpeg, hasQr) in images)
            {
                using var decoded = Decode(jpeg);
                var megapixels = decoded.Width * (double)decoded.Height / 1e6;
                bool inspectFound = false, searchFound = false;
                var inspect = Time(reps, warmup, () => inspectFound = inspector.Inspect(jpeg).HasQr);
                var search = Time(reps, warmup, () => searchFound = ImageInspector.ContainsQrCode(decoded));
                var decode = Time(reps, warmup, () => Decode(jpeg).Dispose());
                var verdict = inspectFound == hasQr && searchFound == hasQr ? "as expected" : "WRONG";
                if (verdict == "WRONG")
                    wrong.Add($"{name} {decoded.Width}×{decoded.Height}: inspect found a QR code {inspectFound}, search alone {searchFound}, expected {hasQr}");

                Console.WriteLine($"{megapixels,5:F1} MP {name,-13} {decoded.Width}×{decoded.Height}, {jpeg.Length / 1024.0:N0} KiB: " +
                    $"inspect {Spread.Describe(inspect, "F1")} ms = {Spread.Median(inspect) / megapixels:F1} ms/MP; " +
                    $"QR search alone {Spread.Describe(search, "F1")} ms = {Spread.Median(search) / megapixels:F1} ms/MP; " +
                    $"decode alone {Spread.Median(decode):F1} ms; QR found: {(inspectFound ? "yes" : "no")} ({verdict})");
            }
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores; 1-minute load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        if (wrong.Count > 0)
            throw new InvalidOperationException("the QR check answered wrongly:\n" + string.Join('\n', wrong));
        return Task.CompletedTask;
    }

    /// <summary>Milliseconds of each of <paramref name="reps"/> calls, after <paramref name="warmup"/> untimed ones.</summary>
    private static double[] Time(int reps, int warmup, Action action)
    {
        for (var i = 0; i < warmup; i++)
            action();
        var timings = new double[reps];
        for (var i = 0; i < reps; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            timings[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return timings;
    }

    /// <summary>Decodes as <see cref="ImageInspector.Inspect"/> does (RGBA, unpremultiplied), which its QR search expects.</summary>
    private static SKBitmap Decode(byte[] encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream) ?? throw new InvalidOperationException("the test picture cannot be read");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new InvalidOperationException("the test picture did not decode");
        }

        return bitmap;
    }
}
