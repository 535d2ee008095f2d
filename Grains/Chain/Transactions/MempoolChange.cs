using Grains.Chain.Model;

namespace Grains.Chain.Transactions;

/// <summary>What a rebuild added to and removed from the pool (for the store).</summary>
public sealed record MempoolChange(IReadOnlyList<Transaction> Added, IReadOnlyList<Hash256> Removed);
