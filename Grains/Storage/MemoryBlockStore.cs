using System.Collections.Concurrent;

namespace Grains.Storage;

/// <summary>The in-process twin of <see cref="PostgresBlockStore"/> for embedded mode and tests: lost when the process stops.</summary>
public sealed class MemoryBlockStore : IBlockStore
{
    private readonly ConcurrentDictionary<string, NodeData> _nodes = new(StringComparer.Ordinal);

    public Task AppendBlocksAsync(string nodeId, IReadOnlyList<StoredBlock> blocks, CancellationToken cancellationToken = default)
    {
        var node = _nodes.GetOrAdd(nodeId, _ => new NodeData());
        lock (node)
        {
            foreach (var block in blocks)
            {
                if (node.BlockHashes.Add(Convert.ToHexString(block.Hash)))
                    node.Blocks.Add(block);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredBlock>> LoadBlocksAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        if (!_nodes.TryGetValue(nodeId, out var node))
            return Task.FromResult<IReadOnlyList<StoredBlock>>([]);
        lock (node)
            return Task.FromResult<IReadOnlyList<StoredBlock>>(node.Blocks.OrderBy(b => b.Sequence).ToList());
    }

    public Task SavePendingAsync(string nodeId, IReadOnlyList<StoredTransaction> added, IReadOnlyList<byte[]> removedIds, CancellationToken cancellationToken = default)
    {
        var node = _nodes.GetOrAdd(nodeId, _ => new NodeData());
        lock (node)
        {
            foreach (var id in removedIds)
                node.Pending.Remove(Convert.ToHexString(id));
            foreach (var tx in added)
                node.Pending.TryAdd(Convert.ToHexString(tx.Id), (node.NextPending++, tx));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredTransaction>> LoadPendingAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        if (!_nodes.TryGetValue(nodeId, out var node))
            return Task.FromResult<IReadOnlyList<StoredTransaction>>([]);
        lock (node)
            return Task.FromResult<IReadOnlyList<StoredTransaction>>(node.Pending.Values.OrderBy(p => p.Order).Select(p => p.Tx).ToList());
    }

    private sealed class NodeData
    {
        public List<StoredBlock> Blocks { get; } = [];
        public HashSet<string> BlockHashes { get; } = [];
        public Dictionary<string, (long Order, StoredTransaction Tx)> Pending { get; } = [];
        public long NextPending { get; set; }
    }
}
