namespace Grains.Interfaces.Chain;

/// <summary>A transaction inside a block or the mempool, with its id (hex of SHA-256d of its encoding).</summary>
[GenerateSerializer, Immutable, Alias("chain.TransactionInfo")]
public sealed record TransactionInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] bool IsCoinbase,
    [property: Id(2)] TransactionData Data);
