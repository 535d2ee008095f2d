using Grains.Chat;
using Grains.Interfaces.Chat;

namespace Grains.Storage;

internal static class DirectoryPaging
{
    /// <summary>Given up to limit + 1 rows in order, the page and (if there was one more) the cursor after it.</summary>
    public static GroupDirectoryPage ToPage(IReadOnlyList<GroupListing> rows, int limit)
    {
        var items = rows.Take(limit).ToArray();
        var next = rows.Count > limit ? PageCursor.ForDirectory(items[^1].CreatedAt, items[^1].Id) : null;
        return new GroupDirectoryPage(items, next);
    }
}
