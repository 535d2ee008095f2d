using Grains.Chain;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;

namespace Gateway.Chain;

/// <summary>Turns the <c>{node}</c> route value into a node grain, refusing ids that cannot name a node.</summary>
public static class NodeRoute
{
    public static IChainNodeGrain Node(this IGrainFactory grains, string node) =>
        NodeIds.IsValid(node)
            ? grains.GetGrain<IChainNodeGrain>(node)
            : throw DomainException.NotFound(ErrorCodes.UnknownNode, $"'{node}' is not a node id (letters, digits, '.', '_', '-'; at most 64)");

    /// <summary>Every block of a node's best chain, read page by page.</summary>
    public static async Task<ChainPage> WholeChainAsync(this IChainNodeGrain node)
    {
        const int page = 1_000;
        var blocks = new List<BlockInfo>();
        ChainPage current;
        do
        {
            current = await node.GetChainAsync(blocks.Count, page);
            blocks.AddRange(current.Blocks);
        }
        while (current.Blocks.Count == page && blocks.Count < current.Length);
        return current with { Blocks = blocks };
    }
}
