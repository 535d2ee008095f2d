namespace Gateway.Chain;

/// <summary>Optional body of a mine request: where this block's reward goes instead of the node's reward address.</summary>
public sealed record MineRequest(string? MinerAddress);
