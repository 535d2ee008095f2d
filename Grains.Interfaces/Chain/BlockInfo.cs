namespace Grains.Interfaces.Chain;

/// <summary>A block as the API shows it: header fields, hash, size and transactions.</summary>
[GenerateSerializer, Immutable, Alias("chain.BlockInfo")]
public sealed record BlockInfo(
    [property: Id(0)] string Hash,
    [property: Id(1)] long Height,
    [property: Id(2)] int Version,
    [property: Id(3)] string PreviousHash,
    [property: Id(4)] string MerkleRoot,
    [property: Id(5)] long TimestampMs,
    [property: Id(6)] string Bits,
    [property: Id(7)] ulong Nonce,
    [property: Id(8)] int Size,
    [property: Id(9)] IReadOnlyList<TransactionInfo> Transactions);
