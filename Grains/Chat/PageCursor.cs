using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Grains.Interfaces.Errors;

namespace Grains.Chat;

/// <summary>
/// Opaque "load more" cursors. Each names the last entry shown by a total order with a tiebreaker
/// (the directory: creation time then id; members: shard then user id), never a bare timestamp, so a page
/// boundary inside a run of equal times neither repeats nor skips anything.
/// </summary>
public static class PageCursor
{
    public static string ForDirectory(DateTimeOffset createdAt, string id) =>
        Encode($"d|{createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{id}");

    public static (DateTimeOffset CreatedAt, string Id) ParseDirectory(string cursor)
    {
        var parts = Decode(cursor);
        if (parts.Length != 3 || parts[0] != "d" || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            throw Invalid();
        return (new DateTimeOffset(ticks, TimeSpan.Zero), parts[2]);
    }

    public static string ForMembers(int shard, string userId) =>
        Encode($"m|{shard.ToString(CultureInfo.InvariantCulture)}|{userId}");

    public static (int Shard, string UserId) ParseMembers(string cursor)
    {
        var parts = Decode(cursor);
        if (parts.Length != 3 || parts[0] != "m" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var shard))
            throw Invalid();
        return (shard, parts[2]);
    }

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string[] Decode(string cursor)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|', 3);
        }
        catch (FormatException)
        {
            throw Invalid();
        }
    }

    private static DomainException Invalid() => DomainException.Invalid(ErrorCodes.CursorInvalid, "cursor is not one this server handed out.");
}
