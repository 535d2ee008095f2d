namespace Gateway.Auth;

/// <summary>Body of <c>POST /api/accounts</c> and <c>POST /api/auth/token</c>.</summary>
public sealed record CredentialsRequest(string? Username, string? Password);
