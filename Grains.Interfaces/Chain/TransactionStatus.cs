namespace Grains.Interfaces.Chain;

/// <summary>Where a transaction stands at a node: pending, or in the best chain at a height with some confirmations.</summary>
[GenerateSerializer, Immutable, Alias("chain.TransactionStatus")]
public sealed record TransactionStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Status,
    [property: Id(2)] long? Height,
    [property: Id(3)] long? Confirmations,
    [property: Id(4)] string? BlockHash,
    [property: Id(5)] TransactionData Data)
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
}
