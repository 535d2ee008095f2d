namespace Gateway.Chain;

/// <summary>Body of <c>POST /api/wallets/sign</c> (demo only: the server sees the private key); an optional memo is signed in.</summary>
public sealed record SignRequest(string? PrivateKey, string? ChainId, string? To, long? Amount, long? Fee, long? Nonce, string? Memo = null);
