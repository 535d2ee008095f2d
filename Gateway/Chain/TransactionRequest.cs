namespace Gateway.Chain;

/// <summary>A signed transaction as posted to <c>/api/nodes/{node}/transactions</c>; fee defaults to 0 and chain_id to the network.</summary>
public sealed record TransactionRequest(string? ChainId, string? From, string? To, long? Amount, long? Fee, long? Nonce, string? PublicKey, string? Signature);
