using System.Diagnostics;
using System.Threading.Channels;
using Grains.Interfaces.Chat;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Grains.Storage;

/// <summary>
/// Write-behind for messages: posts from every group on this silo queue here and are written many at a time
/// (one binary COPY per transaction), and each poster's task completes only after the commit. One INSERT per
/// commit caps at a few thousand messages a second; a batch costs little more than one row. If the table
/// refuses a row (a repeated client id or a taken sequence, rare: only around a silo's death), the batch is
/// written again with an INSERT that skips refused rows and reports them.
/// A group always maps to the same lane and each lane commits in order, so a group's messages become
/// durable in sequence order. A row the table refuses as a repeated (group, sender, client id) completes with
/// the message stored first; one refused for its sequence number fails with <see cref="SequenceConflictException"/>.
/// Tracing: a batch's database work runs under one activity of <see cref="ActivitySourceName"/>, a child of the first
/// waiting post's trace and linked to every post it carries, so each post's trace reaches the database.
/// </summary>
public sealed class MessageBatchWriter : IAsyncDisposable
{
    public const int DefaultLanes = 4;
    public const int DefaultMaxBatch = 4000;

    /// <summary>The <see cref="ActivitySource"/> of the batches' database work, for a tracer to listen to.</summary>
    public const string ActivitySourceName = "ChainChat.Storage";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    private const string CopySql =
        "COPY chat_messages (group_id, seq, kind, sender_id, sender_name, type, body_text, url, contact, client_id, recall_of, sent_at, media) FROM STDIN (FORMAT BINARY)";

    private const string InsertSql = """
        INSERT INTO chat_messages (group_id, seq, kind, sender_id, sender_name, type, body_text, url, contact, client_id, recall_of, sent_at, media)
        SELECT * FROM unnest(@g::text[], @seq::bigint[], @k::text[], @sid::text[], @sn::text[], @t::text[], @b::text[], @u::text[], @c::text[],
                             @cid::text[], @r::bigint[], @at::timestamptz[], @media::jsonb[])
        ON CONFLICT DO NOTHING
        RETURNING group_id, seq
        """;

    private const string FirstByClientIdSql = """
        SELECT m.group_id, m.seq, m.kind, m.sender_id, m.sender_name, m.type, m.body_text, m.url, m.contact, m.client_id, m.recall_of, m.sent_at, m.recalled, m.media
        FROM chat_messages m JOIN unnest(@g::text[], @sid::text[], @cid::text[]) AS d(group_id, sender_id, client_id)
          ON m.group_id = d.group_id AND m.sender_id = d.sender_id AND m.client_id = d.client_id
        """;

    private const string RecallSql =
        "UPDATE chat_messages m SET recalled = true, body_text = NULL, url = NULL, contact = NULL, media = NULL FROM unnest(@groups, @seqs) AS r(group_id, seq) WHERE m.group_id = r.group_id AND m.seq = r.seq";

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
        // The loops outlive whoever first asked for this writer (a grain call): they must not carry its activity or
        // request context into every later batch.
        using var _ = ExecutionContext.SuppressFlow();
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

    public Task<ChatMessage> WriteAsync(ChatMessage message)
    {
        var pending = new Pending(message, new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously),
            Activity.Current?.Context ?? default);
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

            using var activity = StartBatchActivity(batch);
            try
            {
                var outcomes = await WriteBatchAsync(batch);
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _rows, batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (outcomes[i] is { } stored)
                        batch[i].Done.TrySetResult(stored);
                    else
                        batch[i].Done.TrySetException(new SequenceConflictException(batch[i].Message.GroupId, batch[i].Message.Seq));
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                _logger.LogError(ex, "Writing {Count} messages failed; their posters are told to retry", batch.Count);
                foreach (var pending in batch)
                    pending.Done.TrySetException(ex);
            }

            batch.Clear();
        }
    }

    /// <summary>
    /// The batch's activity: its parent is the first post that came with a trace, and it links every such post, so
    /// the database spans under it appear in each post's trace (a batch has many parents; a span can have one).
    /// </summary>
    private static Activity? StartBatchActivity(List<Pending> batch)
    {
        if (!Source.HasListeners())
            return null;
        var traced = batch.Where(p => p.Context != default).ToList();
        var parent = traced.Count > 0 ? traced[0].Context : default;
        var activity = Source.StartActivity("write chat_messages", ActivityKind.Internal, parent, links: traced.Select(p => new ActivityLink(p.Context)));
        activity?.SetTag("db.system", "postgresql");
        activity?.SetTag("chat.batch.messages", batch.Count);
        return activity;
    }

    /// <summary>For each row, what is stored for it: itself, the first message with its client id, or null (sequence taken).</summary>
    private async Task<ChatMessage?[]> WriteBatchAsync(List<Pending> batch)
    {
        var rows = batch.Select(p => p.Message).ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();

            // Rows of one group side by side touch the same index pages, instead of one page per row.
            await CopyAsync(connection, [.. rows.OrderBy(m => m.GroupId, StringComparer.Ordinal).ThenBy(m => m.Seq)]);
            await MarkRecalledAsync(connection, transaction, rows.Where(IsRecall).ToArray());
            await transaction.CommitAsync();
            return rows;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            _logger.LogInformation("A batch of {Count} messages repeats a stored client id or sequence; writing it row by row", rows.Length);
        }

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var outcomes = await InsertSkippingRepeatsAsync(connection, transaction, rows);
            await MarkRecalledAsync(connection, transaction, rows.Where((m, i) => IsRecall(m) && ReferenceEquals(outcomes[i], m)).ToArray());
            await transaction.CommitAsync();
            return outcomes;
        }
    }

    private static bool IsRecall(ChatMessage m) => m is { Kind: ChatEventKinds.Recall, RecallOf: not null };

    private static async Task CopyAsync(NpgsqlConnection connection, ChatMessage[] rows)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopySql);
        foreach (var m in rows)
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
            await WriteJsonAsync(importer, MediaColumn.Write(m.Media));
        }

        await importer.CompleteAsync();
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value) =>
        value is null ? importer.WriteNullAsync() : importer.WriteAsync(value, NpgsqlDbType.Text);

    private static Task WriteJsonAsync(NpgsqlBinaryImporter importer, string? json) =>
        json is null ? importer.WriteNullAsync() : importer.WriteAsync(json, NpgsqlDbType.Jsonb);

    private static async Task MarkRecalledAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ChatMessage[] recalls)
    {
        if (recalls.Length == 0)
            return;
        await using var update = new NpgsqlCommand(RecallSql, connection, transaction);
        update.Parameters.AddWithValue("groups", recalls.Select(r => r.GroupId).ToArray());
        update.Parameters.AddWithValue("seqs", recalls.Select(r => r.RecallOf!.Value).ToArray());
        await update.ExecuteNonQueryAsync();
    }

    private static async Task<ChatMessage?[]> InsertSkippingRepeatsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ChatMessage[] rows)
    {
        var inserted = new HashSet<(string, long)>();
        await using (var insert = new NpgsqlCommand(InsertSql, connection, transaction))
        {
            insert.Parameters.AddWithValue("g", rows.Select(m => m.GroupId).ToArray());
            insert.Parameters.AddWithValue("seq", rows.Select(m => m.Seq).ToArray());
            insert.Parameters.AddWithValue("k", rows.Select(m => m.Kind).ToArray());
            insert.Parameters.AddWithValue("sid", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(m => m.SenderId).ToArray());
            insert.Parameters.AddWithValue("sn", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(m => m.SenderName).ToArray());
            insert.Parameters.AddWithValue("t", rows.Select(m => m.Type).ToArray());
            insert.Parameters.AddWithValue("b", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(m => m.Text).ToArray());
            insert.Parameters.AddWithValue("u", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(m => m.Url).ToArray());
            insert.Parameters.AddWithValue("c", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(m => m.Contact).ToArray());
            insert.Parameters.AddWithValue("cid", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(m => m.ClientId).ToArray());
            insert.Parameters.AddWithValue("r", NpgsqlDbType.Array | NpgsqlDbType.Bigint, rows.Select(m => m.RecallOf).ToArray());
            insert.Parameters.AddWithValue("at", rows.Select(m => m.SentAt).ToArray());
            insert.Parameters.AddWithValue("media", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, rows.Select(m => MediaColumn.Write(m.Media)).ToArray());
            await using var reader = await insert.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                inserted.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        var outcomes = rows.Select(m => inserted.Contains((m.GroupId, m.Seq)) ? m : null).ToArray();
        var refused = rows.Where((m, i) => outcomes[i] is null && m is { SenderId: not null, ClientId: not null }).ToArray();
        if (refused.Length > 0)
            await ResolveRepeatsAsync(connection, transaction, rows, refused, outcomes);
        return outcomes;
    }

    /// <summary>Rows refused because their (group, sender, client id) is stored already get that first message.</summary>
    private static async Task ResolveRepeatsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ChatMessage[] rows, ChatMessage[] refused, ChatMessage?[] outcomes)
    {
        await using var lookup = new NpgsqlCommand(FirstByClientIdSql, connection, transaction);
        lookup.Parameters.AddWithValue("g", refused.Select(m => m.GroupId).ToArray());
        lookup.Parameters.AddWithValue("sid", refused.Select(m => m.SenderId!).ToArray());
        lookup.Parameters.AddWithValue("cid", refused.Select(m => m.ClientId!).ToArray());
        var first = new Dictionary<(string, string, string), ChatMessage>();
        await using (var reader = await lookup.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var stored = PostgresMessageStore.Read(reader);
                first[(stored.GroupId, stored.SenderId!, stored.ClientId!)] = stored;
            }
        }

        for (var i = 0; i < rows.Length; i++)
        {
            if (outcomes[i] is null && rows[i] is { SenderId: { } sender, ClientId: { } clientId }
                && first.TryGetValue((rows[i].GroupId, sender, clientId), out var stored) && stored.Seq != rows[i].Seq)
                outcomes[i] = stored;
        }
    }

    private readonly record struct Pending(ChatMessage Message, TaskCompletionSource<ChatMessage> Done, ActivityContext Context);
}
