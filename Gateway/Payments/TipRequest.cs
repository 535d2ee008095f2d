namespace Gateway.Payments;

/// <summary>Body of <c>POST /api/groups/{id}/messages/{seq}/tips</c>: units, and a client id so a retry never pays twice.</summary>
public sealed record TipRequest(long? Amount, string? ClientId);
