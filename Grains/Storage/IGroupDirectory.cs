using Grains.Interfaces.Chat;

namespace Grains.Storage;

/// <summary>
/// The searchable list of groups, newest first, paged by (created at, id) so runs of equal creation times
/// page cleanly.
/// </summary>
public interface IGroupDirectory
{
    Task UpsertAsync(GroupListing listing);

    Task<GroupDirectoryPage> SearchAsync(string? query, string? cursor, int limit);
}
