using Gateway.Chain;

namespace Gateway.Chat;

/// <summary>Optional body of a join: a self-custody member's own signed payment for a group's join price.</summary>
public sealed record JoinRequest(TransactionRequest? Payment);
