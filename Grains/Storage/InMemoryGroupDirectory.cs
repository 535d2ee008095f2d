using Grains.Chat;
using Grains.Interfaces.Chat;

namespace Grains.Storage;

public sealed class InMemoryGroupDirectory : IGroupDirectory
{
    private readonly Dictionary<string, GroupListing> _groups = new(StringComparer.Ordinal);

    public Task UpsertAsync(GroupListing listing)
    {
        lock (_groups)
            _groups[listing.Id] = listing;
        return Task.CompletedTask;
    }

    public Task<GroupDirectoryPage> SearchAsync(string? query, string? cursor, int limit)
    {
        (DateTimeOffset At, string Id)? after = cursor is null ? null : PageCursor.ParseDirectory(cursor);
        GroupListing[] page;
        lock (_groups)
        {
            page = _groups.Values
                .Where(g => string.IsNullOrEmpty(query)
                    || g.Name.Contains(query, StringComparison.OrdinalIgnoreCase)
                    || g.Description.Contains(query, StringComparison.OrdinalIgnoreCase))
                .Where(g => after is not { } a || g.CreatedAt < a.At || (g.CreatedAt == a.At && string.CompareOrdinal(g.Id, a.Id) < 0))
                .OrderByDescending(g => g.CreatedAt)
                .ThenByDescending(g => g.Id, StringComparer.Ordinal)
                .Take(limit + 1)
                .ToArray();
        }

        return Task.FromResult(DirectoryPaging.ToPage(page, limit));
    }
}
