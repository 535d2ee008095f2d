using Gateway.Chain;
using Grains.Chain;
using Grains.Interfaces.Chain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>
/// The "build a blockchain" tutorial's API, kept: <c>/{node}/mine</c>, <c>/{node}/chain</c>,
/// <c>/{node}/transactions/new</c>, <c>/{node}/nodes/register</c>, <c>/{node}/nodes/resolve</c>, with the
/// tutorial's JSON shapes and status codes, and the same routes without a prefix for the default node.
/// Nodes come into being on first use. Transactions must now be signed (see docs/chain.md).
/// </summary>
public static class TutorialEndpoints
{
    public static IEndpointRouteBuilder MapTutorialEndpoints(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints.MapGroup("/{node}").WithTags("Tutorial API (per node)"), "Node");
        Map(endpoints.MapGroup("/").WithTags("Tutorial API (default node)"), "Default");
        return endpoints;
    }

    private static void Map(RouteGroupBuilder group, string suffix)
    {
        group.MapMethods("/mine", ["GET", "POST"], Mine).WithName("TutorialMine" + suffix).WithSummary("Mines a block (tutorial shape).");
        group.MapGet("/chain", Chain).WithName("TutorialChain" + suffix).WithSummary("The whole best chain and its length (tutorial shape).");
        group.MapPost("/transactions/new", NewTransaction).WithName("TutorialNewTransaction" + suffix).Accepts<TutorialTransactionRequest>("application/json")
            .WithSummary("Adds a signed transaction: sender, recipient, amount (units), fee, nonce, public_key, signature.");
        group.MapPost("/nodes/register", RegisterNodes).WithName("TutorialRegisterNodes" + suffix).Accepts<TutorialNodesRequest>("application/json")
            .WithSummary("Registers peers by node id: {\"nodes\": [\"lisi\"]}.");
        group.MapGet("/nodes/resolve", Resolve).WithName("TutorialResolve" + suffix).WithSummary("Consensus: adopts the peers' chain with most work if it beats ours.");
    }

    private static IChainNodeGrain NodeOf(HttpContext context, IGrainFactory grains, IOptions<ChainOptions> chain) =>
        grains.Node(context.Request.RouteValues["node"] as string ?? chain.Value.DefaultNode);

    private static async Task<Ok<TutorialMined>> Mine(HttpContext context, IGrainFactory grains, IOptions<ChainOptions> chain)
    {
        var node = NodeOf(context, grains, chain);
        await node.EnsureCreatedAsync();
        var block = TutorialBlock.From(await node.MineAsync(null));
        return TypedResults.Ok(new TutorialMined("New Block Forged", block.Index, block.Transactions, block.Proof, block.PreviousHash, block.Hash));
    }

    private static async Task<Ok<TutorialChain>> Chain(HttpContext context, IGrainFactory grains, IOptions<ChainOptions> chain)
    {
        var node = NodeOf(context, grains, chain);
        await node.EnsureCreatedAsync();
        var page = await node.WholeChainAsync();
        return TypedResults.Ok(new TutorialChain(page.Blocks.Select(TutorialBlock.From).ToArray(), page.Length));
    }

    private static async Task<Created<TutorialMessage>> NewTransaction(HttpContext context, IGrainFactory grains, IOptions<ChainOptions> chain)
    {
        var node = NodeOf(context, grains, chain);
        var body = await JsonBody.ReadAsync<TutorialTransactionRequest>(context.Request);
        JsonBody.Require("missing_values", "Missing values",
            ("sender", body!.Sender), ("recipient", body.Recipient), ("amount", body.Amount), ("nonce", body.Nonce), ("public_key", body.PublicKey), ("signature", body.Signature));
        var result = await node.SubmitTransactionAsync(new TransactionData(body.ChainId ?? chain.Value.NetworkId, body.Sender!, body.Recipient!,
            body.Amount!.Value, body.Fee ?? 0, body.Nonce!.Value, body.PublicKey!, body.Signature!));
        var index = result.Status.Height is { } height ? height + 1 : result.NextBlockHeight + 1;
        return TypedResults.Created((string?)null, new TutorialMessage($"Transaction will be added to Block {index}", result.Status.Id));
    }

    private static async Task<Created<TutorialNodesAdded>> RegisterNodes(HttpContext context, IGrainFactory grains, IOptions<ChainOptions> chain)
    {
        var node = NodeOf(context, grains, chain);
        var body = await JsonBody.ReadAsync<TutorialNodesRequest>(context.Request);
        if (body!.Nodes is not { Count: > 0 } nodes)
            throw Grains.Interfaces.Errors.DomainException.Invalid("missing_nodes", "Error: Please supply a valid list of nodes");
        var peers = await node.AddPeersAsync(nodes);
        return TypedResults.Created((string?)null, new TutorialNodesAdded("New nodes have been added", peers.Select(p => p.NodeId).ToArray()));
    }

    private static async Task<Ok<TutorialResolved>> Resolve(HttpContext context, IGrainFactory grains, IOptions<ChainOptions> chain)
    {
        var node = NodeOf(context, grains, chain);
        var result = await node.ResolveAsync();
        var blocks = (await node.WholeChainAsync()).Blocks.Select(TutorialBlock.From).ToArray();
        return TypedResults.Ok(result.Replaced
            ? new TutorialResolved("Our chain was replaced", blocks, null)
            : new TutorialResolved("Our chain is authoritative", null, blocks));
    }
}
