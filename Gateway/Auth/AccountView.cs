namespace Gateway.Auth;

public sealed record AccountView(
    string UserId,
    string Username,
    DateTimeOffset CreatedAt);
