namespace Gateway.Chain;

/// <summary>
/// The tutorial's transaction body (sender, recipient, amount in coins), plus what a signed transfer needs. Without
/// nonce, public key and signature, the sender must be the node itself (its name or its wallet address), which signs
/// the memo in if there is one; a signed transfer's memo must be the one its signature covers.
/// </summary>
public sealed record TutorialTransactionRequest(
    string? Sender,
    string? Recipient,
    decimal? Amount,
    decimal? Fee,
    long? Nonce,
    string? PublicKey,
    string? Signature,
    string? ChainId,
    string? Memo = null);
