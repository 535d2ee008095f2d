namespace Gateway.Chat;

/// <summary>Body of <c>PUT /api/groups/{id}/read</c>.</summary>
public sealed record ReadRequest(long? Seq);
