namespace Gateway.Chain;

/// <summary>Body of <c>POST /api/nodes/{node}/peers</c>: node ids in <c>peers</c> (or the tutorial's <c>nodes</c>).</summary>
public sealed record PeersRequest(IReadOnlyList<string>? Peers, IReadOnlyList<string>? Nodes);
