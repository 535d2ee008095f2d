namespace Gateway.Chain;

/// <summary>The tutorial's <c>{"nodes": ["lisi"]}</c>.</summary>
public sealed record TutorialNodesRequest(IReadOnlyList<string>? Nodes);
