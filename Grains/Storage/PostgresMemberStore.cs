using Npgsql;

namespace Grains.Storage;

/// <summary>Members in <c>chat_members</c>; many rows go in one statement (arrays unnested server-side).</summary>
public sealed class PostgresMemberStore(NpgsqlDataSource dataSource) : IMemberStore
{
    private const int RowsPerStatement = 5000;

    private const string UpsertSql = """
        INSERT INTO chat_members (group_id, shard, user_id, username, role, subscribed, banned, joined_at, last_read_seq)
        SELECT * FROM unnest(@g::text[], @s::int[], @u::text[], @n::text[], @r::text[], @sub::boolean[], @b::boolean[], @j::timestamptz[], @l::bigint[])
        ON CONFLICT (group_id, user_id) DO UPDATE SET shard = excluded.shard, username = excluded.username, role = excluded.role,
            subscribed = excluded.subscribed, banned = excluded.banned, joined_at = excluded.joined_at, last_read_seq = excluded.last_read_seq
        """;

    public async Task<IReadOnlyList<MemberRecord>> LoadShardAsync(string groupId, int shard)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT user_id, username, role, subscribed, banned, joined_at, last_read_seq FROM chat_members WHERE group_id = @g AND shard = @s");
        command.Parameters.AddWithValue("g", groupId);
        command.Parameters.AddWithValue("s", shard);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MemberRecord>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MemberRecord(groupId, shard, reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetBoolean(3), reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6)));
        }

        return rows;
    }

    public async Task UpsertAsync(IReadOnlyList<MemberRecord> members)
    {
        for (var offset = 0; offset < members.Count; offset += RowsPerStatement)
        {
            var chunk = members.Skip(offset).Take(RowsPerStatement).ToArray();
            await using var command = dataSource.CreateCommand(UpsertSql);
            command.Parameters.AddWithValue("g", chunk.Select(m => m.GroupId).ToArray());
            command.Parameters.AddWithValue("s", chunk.Select(m => m.Shard).ToArray());
            command.Parameters.AddWithValue("u", chunk.Select(m => m.UserId).ToArray());
            command.Parameters.AddWithValue("n", chunk.Select(m => m.Username).ToArray());
            command.Parameters.AddWithValue("r", chunk.Select(m => m.Role).ToArray());
            command.Parameters.AddWithValue("sub", chunk.Select(m => m.Subscribed).ToArray());
            command.Parameters.AddWithValue("b", chunk.Select(m => m.Banned).ToArray());
            command.Parameters.AddWithValue("j", chunk.Select(m => m.JoinedAt).ToArray());
            command.Parameters.AddWithValue("l", chunk.Select(m => m.LastReadSeq).ToArray());
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task DeleteAsync(string groupId, IReadOnlyList<string> userIds)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM chat_members WHERE group_id = @g AND user_id = ANY(@u)");
        command.Parameters.AddWithValue("g", groupId);
        command.Parameters.AddWithValue("u", userIds.ToArray());
        await command.ExecuteNonQueryAsync();
    }
}
