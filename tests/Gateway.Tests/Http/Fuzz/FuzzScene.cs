namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// Fresh state for one operation, so what one operation's requests do (a ban, a mute, a recall) does not make the
/// next operation's requests shallow: a group the owner made and the member joined, with messages; a chain node the
/// owner made and mined twice; a real paging cursor.
/// </summary>
public sealed record FuzzScene(
    string? GroupId = null,
    IReadOnlyList<long>? MessageSeqs = null,
    string? NodeId = null,
    string? NodeWallet = null,
    string? BlockHash = null,
    string? GenesisHash = null,
    string? TransactionId = null,
    string? Cursor = null);
