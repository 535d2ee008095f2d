using Grains.Chain.Model;
using Grains.Chain.Transactions;

namespace Grains.Chain.Consensus;

/// <summary>
/// What a block is checked against: its parent's hash and height, the target the difficulty rule
/// expects at the new height, the timestamps of up to 11 latest ancestors (parent last), and the
/// ledger after the parent.
/// </summary>
public sealed record ParentContext(Hash256 Hash, long Height, uint ExpectedBits, IReadOnlyList<long> RecentTimestamps, Ledger Ledger);
