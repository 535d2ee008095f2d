using Grains.Chat;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;

namespace Grains.Tests.Chat;

/// <summary>The supergroup server repeated its first page when paging by a bare local timestamp.</summary>
public sealed class DirectoryPagingTests
{
    [Fact]
    public async Task Paging_through_groups_with_equal_creation_times_neither_repeats_nor_skips()
    {
        var directory = new InMemoryGroupDirectory();
        var sameInstant = new DateTimeOffset(2019, 6, 11, 9, 43, 29, TimeSpan.Zero);
        var expected = new List<string>();
        for (var i = 0; i < 95; i++)
        {
            var id = $"g{i:D3}";
            // Most share one creation time; a few are older or newer.
            var at = i % 10 == 0 ? sameInstant.AddSeconds(-i) : i % 10 == 1 ? sameInstant.AddSeconds(i) : sameInstant;
            await directory.UpsertAsync(new GroupListing(id, $"group {i}", "", at));
            expected.Add(id);
        }

        var seen = await PageAllAsync(directory, query: null, pageSize: 7);

        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_pages_only_matching_groups_in_a_stable_order()
    {
        var directory = new InMemoryGroupDirectory();
        var at = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < 30; i++)
            await directory.UpsertAsync(new GroupListing($"g{i:D2}", i % 3 == 0 ? $"Mixin 中文群 {i}" : $"other {i}", "", at));

        var first = await PageAllAsync(directory, "中文", pageSize: 4);
        var again = await PageAllAsync(directory, "中文", pageSize: 3);

        Assert.Equal(10, first.Count);
        Assert.Equal(first, again);
    }

    [Fact]
    public void A_cursor_round_trips_and_a_forged_one_is_a_bad_request()
    {
        var at = new DateTimeOffset(2026, 11, 23, 1, 2, 3, TimeSpan.Zero).AddTicks(1230);
        Assert.Equal((at, "g|x"), PageCursor.ParseDirectory(PageCursor.ForDirectory(at, "g|x")));
        Assert.Equal((3, "alice"), PageCursor.ParseMembers(PageCursor.ForMembers(3, "alice")));
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => PageCursor.ParseDirectory("not-a-cursor!")).Kind);
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => PageCursor.ParseDirectory(PageCursor.ForMembers(1, "a"))).Kind);
    }

    internal static async Task<List<string>> PageAllAsync(IGroupDirectory directory, string? query, int pageSize)
    {
        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await directory.SearchAsync(query, cursor, pageSize);
            seen.AddRange(page.Items.Select(g => g.Id));
            cursor = page.NextCursor;
            if (cursor is null)
                break;
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        return seen;
    }
}
