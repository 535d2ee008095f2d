namespace Gateway.Payments;

/// <summary>Body of <c>PUT /api/me/wallet/key</c>: the owner's own P-256 public key, 130 hex digits starting 04.</summary>
public sealed record OwnKeyRequest(string? PublicKey);
