using Npgsql;
using NpgsqlTypes;

namespace Grains.Storage;

/// <summary>
/// Uploads in PostgreSQL (deploy/sql/400_uploads.sql). An upload is one transaction: its chunks stream in through a
/// binary COPY as the request body arrives (never the whole file in memory), and the row that makes it visible is
/// written in the same commit. A failure, an abandoned request or a dying gateway rolls all of it back.
/// </summary>
public sealed class PostgresUploadStore(NpgsqlDataSource dataSource) : IUploadStore
{
    private const string CopyChunksSql = "COPY chat_upload_chunks (upload_id, n, data) FROM STDIN (FORMAT BINARY)";

    private const string Columns =
        "upload_id, owner_id, kind, content_type, size, sha256, created_at, width, height, duration_ms, has_qr, file_name, thumbnail_id, parent_id";

    private const string InsertSql = $"""
        INSERT INTO chat_uploads ({Columns})
        VALUES (@id, @owner, @kind, @type, @size, @sha, @at, @w, @h, @d, @qr, @name, @thumb, @parent)
        """;

    public async Task<IUploadWriter> BeginAsync(string uploadId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var importer = await connection.BeginBinaryImportAsync(CopyChunksSql, cancellationToken);
            return new Writer(uploadId, connection, transaction, importer);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<UploadRecord?> GetAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM chat_uploads WHERE upload_id = @id");
        command.Parameters.AddWithValue("id", uploadId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new UploadRecord(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
            reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetInt32(7),
            reader.IsDBNull(8) ? null : reader.GetInt32(8),
            reader.IsDBNull(9) ? null : reader.GetInt64(9),
            reader.GetBoolean(10),
            reader.IsDBNull(11) ? null : reader.GetString(11),
            reader.IsDBNull(12) ? null : reader.GetString(12),
            reader.IsDBNull(13) ? null : reader.GetString(13));
    }

    public async Task<byte[]> ReadChunkAsync(string uploadId, int index, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT data FROM chat_upload_chunks WHERE upload_id = @id AND n = @n");
        command.Parameters.AddWithValue("id", uploadId);
        command.Parameters.AddWithValue("n", index);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[] ?? [];
    }

    public async Task AddPostAsync(string uploadId, string groupId)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO chat_upload_posts (upload_id, group_id) VALUES (@id, @g) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue("id", uploadId);
        command.Parameters.AddWithValue("g", groupId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<string>> GetPostGroupsAsync(string uploadId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT group_id FROM chat_upload_posts WHERE upload_id = @id LIMIT @l");
        command.Parameters.AddWithValue("id", uploadId);
        command.Parameters.AddWithValue("l", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var groups = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            groups.Add(reader.GetString(0));
        return groups;
    }

    public async Task<UploadUsage> GetUsageSinceAsync(string ownerId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*), COALESCE(sum(size), 0), min(created_at) FROM chat_uploads
            WHERE owner_id = @owner AND created_at >= @since AND parent_id IS NULL
            """);
        command.Parameters.AddWithValue("owner", ownerId);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new UploadUsage((int)reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
    }

    private sealed class Writer(string uploadId, NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBinaryImporter importer) : IUploadWriter
    {
        private readonly ChunkBuffer _buffer = new();
        private CancellationToken _cancellation;
        private bool _importing = true;
        private bool _committed;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            _cancellation = cancellationToken;
            return _buffer.AddAsync(bytes, CopyChunkAsync);
        }

        public async Task CommitAsync(UploadRecord upload, UploadRecord? thumbnail, ReadOnlyMemory<byte> thumbnailBytes, CancellationToken cancellationToken)
        {
            if (upload.Id != uploadId)
                throw new InvalidOperationException($"this writer stores upload {uploadId}, not {upload.Id}");
            _cancellation = cancellationToken;
            await _buffer.FlushAsync(CopyChunkAsync);
            if (_buffer.Written != upload.Size)
                throw new InvalidOperationException($"upload {upload.Id} says {upload.Size} bytes but {_buffer.Written} were written");
            if (thumbnail is not null)
            {
                var n = 0;
                foreach (var chunk in ChunkBuffer.Split(thumbnailBytes))
                    await WriteChunkAsync(thumbnail.Id, n++, chunk, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
            _importing = false;
            await importer.DisposeAsync();

            var batch = new NpgsqlBatch(connection, transaction);
            if (thumbnail is not null)
                batch.BatchCommands.Add(Insert(thumbnail));
            batch.BatchCommands.Add(Insert(upload));
            await using (batch)
                await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _committed = true;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                // Without Complete the COPY is cancelled; without Commit the transaction rolls back.
                if (_importing)
                    await importer.DisposeAsync();
                if (!_committed)
                    await transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
            {
                // The connection broke mid-upload: PostgreSQL drops the open transaction with it.
            }
            finally
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
            }
        }

        private ValueTask CopyChunkAsync(int n, byte[] chunk) => new(WriteChunkAsync(uploadId, n, chunk, _cancellation));

        private async Task WriteChunkAsync(string id, int n, byte[] chunk, CancellationToken cancellationToken)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(id, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(n, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(chunk, NpgsqlDbType.Bytea, cancellationToken);
        }

        private static NpgsqlBatchCommand Insert(UploadRecord r)
        {
            var command = new NpgsqlBatchCommand(InsertSql);
            command.Parameters.AddWithValue("id", r.Id);
            command.Parameters.AddWithValue("owner", r.OwnerId);
            command.Parameters.AddWithValue("kind", r.Kind);
            command.Parameters.AddWithValue("type", r.ContentType);
            command.Parameters.AddWithValue("size", r.Size);
            command.Parameters.AddWithValue("sha", r.Sha256);
            command.Parameters.AddWithValue("at", r.CreatedAt);
            command.Parameters.AddWithValue("w", NpgsqlDbType.Integer, (object?)r.Width ?? DBNull.Value);
            command.Parameters.AddWithValue("h", NpgsqlDbType.Integer, (object?)r.Height ?? DBNull.Value);
            command.Parameters.AddWithValue("d", NpgsqlDbType.Bigint, (object?)r.DurationMs ?? DBNull.Value);
            command.Parameters.AddWithValue("qr", r.HasQr);
            command.Parameters.AddWithValue("name", NpgsqlDbType.Text, (object?)r.FileName ?? DBNull.Value);
            command.Parameters.AddWithValue("thumb", NpgsqlDbType.Text, (object?)r.ThumbnailId ?? DBNull.Value);
            command.Parameters.AddWithValue("parent", NpgsqlDbType.Text, (object?)r.ParentId ?? DBNull.Value);
            return command;
        }
    }
}
