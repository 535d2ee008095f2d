namespace Gateway.Payments;

/// <summary>Body of <c>POST /api/me/wallet/transfers</c>: <c>to</c> is an address or a username; amount in units.</summary>
public sealed record TransferRequest(string? To, long? Amount, string? ClientId, string? Memo);
