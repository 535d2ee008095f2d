using System.Collections.Concurrent;
using Grains.Chain.Mining;
using Grains.Chain.Model;

namespace Grains.Chain.Consensus;

/// <summary>
/// The first block of a network, the same on every node: height 0, all-zero previous hash, one
/// coinbase of 0 units for the network's chain id (so each network id has its own genesis), the
/// configured timestamp and target, and the lowest nonce that meets the target.
/// </summary>
public static class GenesisBlock
{
    private static readonly ConcurrentDictionary<(string, uint, long), Block> Cache = new();

    public static Block For(string networkId, uint bits, long timestampMs) =>
        Cache.GetOrAdd((networkId, bits, timestampMs), key => Create(key.Item1, key.Item2, key.Item3));

    private static Block Create(string networkId, uint bits, long timestampMs)
    {
        Transaction[] transactions = [Transaction.Coinbase(networkId, Address.Coinbase, 0, 0)];
        var header = new BlockHeader(BlockHeader.CurrentVersion, 0, Hash256.Zero, MerkleTree.Root([transactions[0].Id]), timestampMs, bits, 0);
        var search = new NonceSearch(header);
        var target = CompactTarget.ToHash(CompactTarget.Decode(bits));
        for (uint high = 0; ; high++)
        {
            if (search.TryFind(high, 0, uint.MaxValue, target, out var nonce))
                return new Block(header with { Nonce = nonce }, transactions);
        }
    }
}
