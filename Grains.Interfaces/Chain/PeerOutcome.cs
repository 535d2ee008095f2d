namespace Grains.Interfaces.Chain;

/// <summary>
/// One peer's part in a resolve: what became of it, how many blocks were taken from it and, when it sent
/// something invalid, the code of the rule it broke.
/// </summary>
/// <remarks>
/// Id 1 carried the outcome as free text; the enum has a new id so that a silo or gateway of the previous
/// version skips it instead of misreading it, and Id 1 is not used again.
/// </remarks>
[GenerateSerializer, Immutable, Alias("chain.PeerOutcome")]
public sealed record PeerOutcome(
    [property: Id(0)] string NodeId,
    [property: Id(3)] PeerOutcomeKind Outcome,
    [property: Id(2)] int BlocksFetched,
    [property: Id(4)] string? Violation = null);
