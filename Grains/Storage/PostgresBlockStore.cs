using Grains.Interfaces.Errors;
using Npgsql;
using NpgsqlTypes;

namespace Grains.Storage;

/// <summary>
/// Blocks and pending transactions in PostgreSQL (deploy/sql/100_chain.sql), written with Npgsql:
/// every call is one round trip, however many rows it carries (arrays unnested server-side).
/// </summary>
public sealed class PostgresBlockStore(NpgsqlDataSource dataSource) : IBlockStore
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async Task AppendBlocksAsync(string nodeId, IReadOnlyList<StoredBlock> blocks, CancellationToken cancellationToken = default)
    {
        if (blocks.Count == 0)
            return;
        await RunAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                """
                INSERT INTO chain_blocks (node_id, seq, hash, height, prev_hash, block)
                SELECT @node, b.seq, b.hash, b.height, b.prev_hash, b.block
                FROM unnest(@seqs, @hashes, @heights, @prevs, @blocks) AS b(seq, hash, height, prev_hash, block)
                ON CONFLICT (node_id, hash) DO NOTHING
                """);
            command.Parameters.AddWithValue("node", nodeId);
            command.Parameters.Add(new NpgsqlParameter("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = blocks.Select(b => b.Sequence).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = blocks.Select(b => b.Hash).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("heights", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = blocks.Select(b => b.Height).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("prevs", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = blocks.Select(b => b.PreviousHash).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("blocks", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = blocks.Select(b => b.Encoded).ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    public async Task<IReadOnlyList<StoredBlock>> LoadBlocksAsync(string nodeId, CancellationToken cancellationToken = default) =>
        await RunAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                "SELECT seq, height, hash, prev_hash, block FROM chain_blocks WHERE node_id = @node ORDER BY seq");
            command.Parameters.AddWithValue("node", nodeId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var blocks = new List<StoredBlock>();
            while (await reader.ReadAsync(cancellationToken))
                blocks.Add(new StoredBlock(reader.GetInt64(0), reader.GetInt64(1), (byte[])reader[2], (byte[])reader[3], (byte[])reader[4]));
            return (IReadOnlyList<StoredBlock>)blocks;
        });

    public async Task SavePendingAsync(string nodeId, IReadOnlyList<StoredTransaction> added, IReadOnlyList<byte[]> removedIds, CancellationToken cancellationToken = default)
    {
        if (added.Count == 0 && removedIds.Count == 0)
            return;
        await RunAsync(async () =>
        {
            await using var batch = dataSource.CreateBatch();
            if (removedIds.Count > 0)
            {
                var delete = new NpgsqlBatchCommand("DELETE FROM chain_mempool WHERE node_id = @node AND tx_id = ANY(@ids)");
                delete.Parameters.AddWithValue("node", nodeId);
                delete.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = removedIds.ToArray() });
                batch.BatchCommands.Add(delete);
            }

            if (added.Count > 0)
            {
                var insert = new NpgsqlBatchCommand(
                    """
                    INSERT INTO chain_mempool (node_id, tx_id, tx)
                    SELECT @node, t.tx_id, t.tx FROM unnest(@ids, @txs) WITH ORDINALITY AS t(tx_id, tx, ord) ORDER BY t.ord
                    ON CONFLICT (node_id, tx_id) DO NOTHING
                    """);
                insert.Parameters.AddWithValue("node", nodeId);
                insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = added.Select(t => t.Id).ToArray() });
                insert.Parameters.Add(new NpgsqlParameter("txs", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = added.Select(t => t.Encoded).ToArray() });
                batch.BatchCommands.Add(insert);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    public async Task<IReadOnlyList<StoredTransaction>> LoadPendingAsync(string nodeId, CancellationToken cancellationToken = default) =>
        await RunAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("SELECT tx_id, tx FROM chain_mempool WHERE node_id = @node ORDER BY seq");
            command.Parameters.AddWithValue("node", nodeId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var pending = new List<StoredTransaction>();
            while (await reader.ReadAsync(cancellationToken))
                pending.Add(new StoredTransaction((byte[])reader[0], (byte[])reader[1]));
            return (IReadOnlyList<StoredTransaction>)pending;
        });

    private static async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (NpgsqlException ex)
        {
            throw DomainException.Unavailable(ErrorCodes.StoreUnavailable, $"the block store is unavailable: {ex.Message}", RetryAfter);
        }
    }

    private static Task RunAsync(Func<Task> work) => RunAsync(async () =>
    {
        await work();
        return true;
    });
}
