using System.IO.Compression;
using Grains.Interfaces.Errors;

namespace Gateway.Uploads;

/// <summary>
/// Refuses ZIP archives that would unpack to far more than they weigh (a zip bomb), before anyone downloads one from
/// a group. Only the central directory is read (declared sizes, nothing inflated), plus archives nested inside up to
/// <see cref="NestedArchiveBytes"/> each and <see cref="MaxDepth"/> levels deep, which is how 42.zip-style bombs hide.
/// An archive too damaged to list is kept as an opaque file (<see cref="Inspect"/> answers false).
/// </summary>
public static class ArchiveInspector
{
    public const int MaxDepth = 4;
    public const int NestedArchiveBytes = 8 * 1024 * 1024;
    public const int MaxEntries = 100_000;

    /// <summary>Above this ratio of unpacked to packed size, an archive of more than <see cref="RatioFloorBytes"/> unpacked is a bomb.</summary>
    public const int MaxRatio = 100;

    public const long RatioFloorBytes = 64L * 1024 * 1024;

    /// <summary>True when <paramref name="archive"/> is a readable ZIP; throws 422 <c>archive_bomb</c> for a bomb.</summary>
    public static bool Inspect(Stream archive, long archiveBytes, long maxExpandedBytes)
    {
        long expanded;
        try
        {
            var entries = 0;
            expanded = Expanded(archive, 1, maxExpandedBytes, ref entries);
        }
        catch (InvalidDataException)
        {
            return false;
        }

        if (expanded > maxExpandedBytes)
            throw Bomb($"would unpack to more than {maxExpandedBytes:N0} bytes");
        if (expanded > RatioFloorBytes && expanded / Math.Max(1, archiveBytes) > MaxRatio)
            throw Bomb($"would unpack to {expanded:N0} bytes from {archiveBytes:N0} (more than {MaxRatio} times its size)");
        return true;
    }

    private static long Expanded(Stream archive, int depth, long budget, ref int entries)
    {
        using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (++entries > MaxEntries)
                throw Bomb($"holds more than {MaxEntries:N0} entries");
            var size = entry.Length;
            if (depth < MaxDepth && size is > 0 and <= NestedArchiveBytes && LooksLikeZip(entry))
            {
                using var inner = ReadBounded(entry);
                if (inner is not null)
                {
                    try
                    {
                        size = Math.Max(size, Expanded(inner, depth + 1, budget, ref entries));
                    }
                    catch (InvalidDataException)
                    {
                        // A damaged inner archive is just bytes.
                    }
                }
            }

            total = SaturatingAdd(total, size);
            if (total > budget)
                return total;
        }

        return total;
    }

    private static bool LooksLikeZip(ZipArchiveEntry entry)
    {
        if (entry.FullName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            return true;
        using var stream = entry.Open();
        Span<byte> magic = stackalloc byte[4];
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]);
    }

    /// <summary>The entry inflated into memory, or null if it inflates past <see cref="NestedArchiveBytes"/> (its declared size lied).</summary>
    private static MemoryStream? ReadBounded(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > NestedArchiveBytes)
            {
                buffer.Dispose();
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static long SaturatingAdd(long a, long b) => long.MaxValue - a < b ? long.MaxValue : a + b;

    private static DomainException Bomb(string why) =>
        DomainException.Unprocessable(ErrorCodes.ArchiveBomb, $"The archive {why}; it is refused as a zip bomb.");
}
