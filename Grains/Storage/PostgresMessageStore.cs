using Grains.Interfaces.Chat;
using Npgsql;

namespace Grains.Storage;

/// <summary>Messages in <c>chat_messages</c>: appends go through the <see cref="MessageBatchWriter"/>.</summary>
public sealed class PostgresMessageStore(NpgsqlDataSource dataSource, MessageBatchWriter writer) : IMessageStore
{
    private const string Columns = "group_id, seq, kind, sender_id, sender_name, type, body_text, url, contact, client_id, recall_of, sent_at, recalled, media";

    public Task<ChatMessage> AppendAsync(ChatMessage message) => writer.WriteAsync(message);

    public Task<IReadOnlyList<ChatMessage>> ReadAfterAsync(string groupId, long afterSeq, int limit) =>
        QueryAsync($"SELECT {Columns} FROM chat_messages WHERE group_id = @g AND seq > @s ORDER BY seq LIMIT @l", groupId, afterSeq, limit);

    public async Task<IReadOnlyList<ChatMessage>> ReadBeforeAsync(string groupId, long beforeSeq, int limit)
    {
        var newestFirst = await QueryAsync($"SELECT {Columns} FROM chat_messages WHERE group_id = @g AND seq < @s ORDER BY seq DESC LIMIT @l", groupId, beforeSeq, limit);
        return newestFirst.Reverse().ToArray();
    }

    public async Task<ChatMessage?> GetAsync(string groupId, long seq)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM chat_messages WHERE group_id = @g AND seq = @s AND @l > 0", groupId, seq, 1);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<long> GetLastSeqAsync(string groupId)
    {
        await using var command = dataSource.CreateCommand("SELECT COALESCE(MAX(seq), 0) FROM chat_messages WHERE group_id = @g");
        command.Parameters.AddWithValue("g", groupId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<IReadOnlyList<ChatMessage>> QueryAsync(string sql, string groupId, long seq, int limit)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("g", groupId);
        command.Parameters.AddWithValue("s", seq);
        command.Parameters.AddWithValue("l", limit);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<ChatMessage>();
        while (await reader.ReadAsync())
            rows.Add(Read(reader));
        return rows;
    }

    /// <summary>A message from a row of the standard column list.</summary>
    internal static ChatMessage Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetInt64(1), reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetInt64(10),
        reader.GetFieldValue<DateTimeOffset>(11),
        reader.GetBoolean(12),
        reader.IsDBNull(13) ? null : MediaColumn.Read(reader.GetString(13)));
}
