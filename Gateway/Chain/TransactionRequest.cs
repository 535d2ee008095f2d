namespace Gateway.Chain;

/// <summary>
/// A signed transaction as posted to <c>/api/nodes/{node}/transactions</c>; fee defaults to 0 and chain_id to the network.
/// A memo (1-64 bytes of UTF-8, covered by the signature) makes it format version 2; none or "" is version 1.
/// </summary>
public sealed record TransactionRequest(
    string? ChainId, string? From, string? To, long? Amount, long? Fee, long? Nonce, string? PublicKey, string? Signature, string? Memo = null);
