namespace Gateway.Chain;

/// <summary>Body of <c>PUT /api/nodes/{node}/mining</c>.</summary>
public sealed record MiningRequest(bool? Enabled);
