using System.Threading.Channels;
using Grains.Interfaces.Chat;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Grains.Storage;

/// <summary>
/// Write-behind for messages: posts from every group on this silo queue here and are written many at a time
/// (one binary COPY per transaction), and each poster's task completes only after the commit. One INSERT per
/// commit caps at a few thousand messages a second; a batch costs about the same as one row.
/// A group always maps to the same lane and each lane commits in order, so a group's messages become
/// durable in sequence order.
/// </summary>
public sealed class MessageBatchWriter : IAsyncDisposable
{
    public const int DefaultLanes = 4;
    public const int DefaultMaxBatch = 4000;

    private const string CopySql =
        "COPY chat_messages (group_id, seq, kind, sender_id, sender_name, type, body_text, url, contact, client_id, recall_of, sent_at) FROM STDIN (FORMAT BINARY)";

    private const string RecallSql =
        "UPDATE chat_messages m SET recalled = true, body_text = NULL, url = NULL, contact = NULL FROM unnest(@groups, @seqs) AS r(group_id, seq) WHERE m.group_id = r.group_id AND m.seq = r.seq";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Channel<Pending>[] _lanes;
    private readonly Task[] _loops;
    private long _batches;
    private long _rows;

    public MessageBatchWriter(NpgsqlDataSource dataSource, ILogger<MessageBatchWriter> logger, int lanes = DefaultLanes, int maxBatch = DefaultMaxBatch)
    {
        _dataSource = dataSource;
        _logger = logger;
        _maxBatch = maxBatch;
        _lanes = new Channel<Pending>[lanes];
        _loops = new Task[lanes];
        for (var i = 0; i < lanes; i++)
        {
            _lanes[i] = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
            var lane = _lanes[i];
            _loops[i] = Task.Run(() => RunLaneAsync(lane));
        }
    }

    /// <summary>Transactions committed so far (with <see cref="RowsWritten"/>: how well posts are batched).</summary>
    public long BatchesWritten => Interlocked.Read(ref _batches);

    public long RowsWritten => Interlocked.Read(ref _rows);

    public Task WriteAsync(ChatMessage message)
    {
        var pending = new Pending(message, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(message.GroupId) % (uint)_lanes.Length)];
        if (!lane.Writer.TryWrite(pending))
            pending.Done.SetException(new ObjectDisposedException(nameof(MessageBatchWriter)));
        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
            lane.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task RunLaneAsync(Channel<Pending> lane)
    {
        var batch = new List<Pending>(_maxBatch);
        while (await lane.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && lane.Reader.TryRead(out var next))
                batch.Add(next);

            try
            {
                await WriteBatchAsync(batch);
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _rows, batch.Count);
                foreach (var pending in batch)
                    pending.Done.TrySetResult();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                _logger.LogError(ex, "Writing {Count} messages failed; their posters are told to retry", batch.Count);
                foreach (var pending in batch)
                    pending.Done.TrySetException(ex);
            }

            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(CopySql))
        {
            foreach (var (m, _) in batch)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(m.GroupId, NpgsqlDbType.Text);
                await importer.WriteAsync(m.Seq, NpgsqlDbType.Bigint);
                await importer.WriteAsync(m.Kind, NpgsqlDbType.Text);
                await WriteTextAsync(importer, m.SenderId);
                await WriteTextAsync(importer, m.SenderName);
                await importer.WriteAsync(m.Type, NpgsqlDbType.Text);
                await WriteTextAsync(importer, m.Text);
                await WriteTextAsync(importer, m.Url);
                await WriteTextAsync(importer, m.Contact);
                await WriteTextAsync(importer, m.ClientId);
                if (m.RecallOf is { } target)
                    await importer.WriteAsync(target, NpgsqlDbType.Bigint);
                else
                    await importer.WriteNullAsync();
                await importer.WriteAsync(m.SentAt, NpgsqlDbType.TimestampTz);
            }

            await importer.CompleteAsync();
        }

        var recalls = batch.Where(p => p.Message is { Kind: ChatEventKinds.Recall, RecallOf: not null }).Select(p => p.Message).ToArray();
        if (recalls.Length > 0)
        {
            await using var update = new NpgsqlCommand(RecallSql, connection, transaction);
            update.Parameters.AddWithValue("groups", recalls.Select(r => r.GroupId).ToArray());
            update.Parameters.AddWithValue("seqs", recalls.Select(r => r.RecallOf!.Value).ToArray());
            await update.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value) =>
        value is null ? importer.WriteNullAsync() : importer.WriteAsync(value, NpgsqlDbType.Text);

    private readonly record struct Pending(ChatMessage Message, TaskCompletionSource Done);
}
