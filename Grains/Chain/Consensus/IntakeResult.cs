using Grains.Chain.Model;

namespace Grains.Chain.Consensus;

/// <summary>What <see cref="BlockIntake"/> added (in order), and the block it refused with the rule it broke, if any.</summary>
public sealed record IntakeResult(IReadOnlyList<BlockEntry> Added, Block? Refused, RuleViolation? Violation);
