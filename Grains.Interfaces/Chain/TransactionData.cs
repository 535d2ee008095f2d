namespace Grains.Interfaces.Chain;

/// <summary>
/// A signed transfer as clients send it: amounts and fee in units (1 coin = 100,000,000 units),
/// addresses as 40 hex digits, public key (65-byte uncompressed P-256 point) and signature (r | s,
/// 64 bytes) as hex, and an optional memo (1-64 bytes of UTF-8 without control characters; payments write it with
/// <see cref="PaymentMemo"/>). The signature covers the canonical encoding described in docs/chain.md, memo included.
/// </summary>
[GenerateSerializer, Immutable, Alias("chain.TransactionData")]
public sealed record TransactionData(
    [property: Id(0)] string ChainId,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] long Amount,
    [property: Id(4)] long Fee,
    [property: Id(5)] long Nonce,
    [property: Id(6)] string PublicKey,
    [property: Id(7)] string Signature,
    [property: Id(8)] string? Memo = null);
