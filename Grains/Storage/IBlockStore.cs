namespace Grains.Storage;

/// <summary>A block as a node stored it: arrival order, height, hashes and the canonical encoding.</summary>
public sealed record StoredBlock(long Sequence, long Height, byte[] Hash, byte[] PreviousHash, byte[] Encoded);

/// <summary>A pending transaction a node accepted: id and canonical encoding.</summary>
public sealed record StoredTransaction(byte[] Id, byte[] Encoded);

/// <summary>
/// Append-only storage of each chain node's block tree and its pending transactions: PostgreSQL in
/// cluster mode, memory when embedded. Writes are batched: one round trip per call.
/// </summary>
public interface IBlockStore
{
    /// <summary>Adds blocks to a node's tree; blocks it already has are ignored.</summary>
    Task AppendBlocksAsync(string nodeId, IReadOnlyList<StoredBlock> blocks, CancellationToken cancellationToken = default);

    /// <summary>All of a node's blocks in arrival order.</summary>
    Task<IReadOnlyList<StoredBlock>> LoadBlocksAsync(string nodeId, CancellationToken cancellationToken = default);

    /// <summary>Records pending transactions added to and removed from a node's mempool.</summary>
    Task SavePendingAsync(string nodeId, IReadOnlyList<StoredTransaction> added, IReadOnlyList<byte[]> removedIds, CancellationToken cancellationToken = default);

    /// <summary>A node's pending transactions in the order they were accepted.</summary>
    Task<IReadOnlyList<StoredTransaction>> LoadPendingAsync(string nodeId, CancellationToken cancellationToken = default);
}
