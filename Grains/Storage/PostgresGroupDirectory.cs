using Grains.Chat;
using Grains.Interfaces.Chat;
using Npgsql;

namespace Grains.Storage;

public sealed class PostgresGroupDirectory(NpgsqlDataSource dataSource) : IGroupDirectory
{
    public async Task UpsertAsync(GroupListing listing)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO chat_groups (group_id, name, description, created_at) VALUES (@id, @n, @d, @c)
            ON CONFLICT (group_id) DO UPDATE SET name = excluded.name, description = excluded.description
            """);
        command.Parameters.AddWithValue("id", listing.Id);
        command.Parameters.AddWithValue("n", listing.Name);
        command.Parameters.AddWithValue("d", listing.Description);
        command.Parameters.AddWithValue("c", listing.CreatedAt);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<GroupDirectoryPage> SearchAsync(string? query, string? cursor, int limit)
    {
        (DateTimeOffset At, string Id)? after = cursor is null ? null : PageCursor.ParseDirectory(cursor);
        await using var command = dataSource.CreateCommand("""
            SELECT group_id, name, description, created_at FROM chat_groups
            WHERE (@q::text IS NULL OR name ILIKE @q ESCAPE '\' OR description ILIKE @q ESCAPE '\')
              AND (@after_at::timestamptz IS NULL OR (created_at, group_id) < (@after_at, @after_id::text))
            ORDER BY created_at DESC, group_id DESC
            LIMIT @l
            """);
        command.Parameters.Add(new NpgsqlParameter<string?>("q", string.IsNullOrEmpty(query) ? null : $"%{EscapeLike(query)}%") { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("after_at", after?.At) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string?>("after_id", after?.Id) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.AddWithValue("l", limit + 1);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<GroupListing>();
        while (await reader.ReadAsync())
            rows.Add(new GroupListing(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        return DirectoryPaging.ToPage(rows, limit);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
