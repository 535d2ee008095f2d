using Gateway.Chain;
using Gateway.Limits;
using Gateway.Routing;
using Grains.Chain;
using Grains.Chain.Model;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>
/// The "build a blockchain" tutorial's API, kept: <c>/{node}/mine</c>, <c>/{node}/chain</c>,
/// <c>/{node}/transactions/new</c>, <c>/{node}/nodes/register</c>, <c>/{node}/nodes/resolve</c>, with the
/// tutorial's JSON shapes, status codes and amounts in coins, and the same routes without a prefix for the default
/// node. Nodes come into being on first use. A transfer from the node's own wallet needs no signature (the node signs
/// it); any other sender signs (see docs/chain.md).
/// </summary>
public static class TutorialEndpoints
{
    private const string SigningHelp = "sign it yourself (docs/chain.md, \"Signing recipe\") and send nonce, public_key and signature too";

    public static IEndpointRouteBuilder MapTutorialEndpoints(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints.MapGroup("/{node}").WithTags("Tutorial API (per node)").WithBodyLimit(BodyLimits.Json), "Node");
        Map(endpoints.MapGroup("/").WithTags("Tutorial API (default node)").WithBodyLimit(BodyLimits.Json), "Default");
        return endpoints;
    }

    private static void Map(RouteGroupBuilder group, string suffix)
    {
        group.MapMethods("/mine", ["GET", "POST"], Mine).WithName("TutorialMine" + suffix).RequireRateLimiting(RatePolicies.Mining)
            .WithSummary("Mines a block (tutorial shape); the reward goes to the node's own wallet.");
        group.MapGet("/chain", Chain).WithName("TutorialChain" + suffix).WithSummary("The whole best chain and its length (tutorial shape, amounts in coins).");
        group.MapPost("/transactions/new", NewTransaction).WithName("TutorialNewTransaction" + suffix).Accepts<TutorialTransactionRequest>("application/json")
            .WithSummary("Adds a transaction: sender, recipient (an address or a node's name), amount in coins. From the node itself no signature is needed; otherwise add nonce, public_key and signature.");
        group.MapPost("/nodes/register", RegisterNodes).WithName("TutorialRegisterNodes" + suffix).Accepts<TutorialNodesRequest>("application/json")
            .WithSummary("Registers peers by node id: {\"nodes\": [\"lisi\"]}.");
        group.MapGet("/nodes/resolve", Resolve).WithName("TutorialResolve" + suffix).WithSummary("Consensus: adopts the peers' chain with most work if it beats ours.");
    }

    private static string NodeIdOf(HttpContext context, IOptions<ChainOptions> chain) =>
        context.Request.RouteValues["node"] as string ?? chain.Value.DefaultNode;

    private static async Task<Ok<TutorialMined>> Mine(HttpContext context, NodeAccess access, IOptions<ChainOptions> chain)
    {
        var node = await access.ForWriteAsync(NodeIdOf(context, chain), context);
        var block = TutorialBlock.From(await node.MineAsync(null));
        return TypedResults.Ok(new TutorialMined("New Block Forged", block.Index, block.Transactions, block.Proof, block.PreviousHash, block.Hash));
    }

    private static async Task<Ok<TutorialChain>> Chain(HttpContext context, NodeAccess access, IOptions<ChainOptions> chain)
    {
        var node = await access.ForWriteAsync(NodeIdOf(context, chain), context);
        var page = await node.WholeChainAsync();
        return TypedResults.Ok(new TutorialChain(page.Blocks.Select(TutorialBlock.From).ToArray(), page.Length));
    }

    private static async Task<Created<TutorialMessage>> NewTransaction(HttpContext context, IGrainFactory grains, NodeAccess access, IOptions<ChainOptions> chain)
    {
        var nodeId = NodeIdOf(context, chain);
        var body = await JsonBody.ReadAsync<TutorialTransactionRequest>(context.Request);
        JsonBody.Require("missing_values", "Missing values", ("sender", body!.Sender), ("recipient", body.Recipient), ("amount", body.Amount));
        var amount = Units(body.Amount!.Value, "amount");
        var fee = body.Fee is { } feeCoins ? Units(feeCoins, "fee") : (long?)null;
        var node = await access.ForWriteAsync(nodeId, context);
        var self = await node.GetSummaryAsync();

        SubmitResult result;
        if (body.Nonce is null && body.PublicKey is null && body.Signature is null)
        {
            if (body.Sender != nodeId && body.Sender != self.WalletAddress)
            {
                throw DomainException.Invalid("unsigned_sender",
                    $"Only node {nodeId} itself (sender \"{nodeId}\" or \"{self.WalletAddress}\") may send without a signature; {SigningHelp}.");
            }

            result = await node.SendFromWalletAsync(await RecipientAsync(grains, body.Recipient!), amount, fee);
        }
        else
        {
            JsonBody.Require("missing_values", $"Missing values ({SigningHelp})", ("nonce", body.Nonce), ("public_key", body.PublicKey), ("signature", body.Signature));
            result = await node.SubmitTransactionAsync(new TransactionData(body.ChainId ?? chain.Value.NetworkId, body.Sender!,
                await RecipientAsync(grains, body.Recipient!), amount, fee ?? 0, body.Nonce!.Value, body.PublicKey!, body.Signature!));
        }

        var index = result.Status.Height is { } height ? height + 1 : result.NextBlockHeight + 1;
        return TypedResults.Created((string?)null, new TutorialMessage($"Transaction will be added to Block {index}", result.Status.Id));
    }

    private static async Task<Created<TutorialNodesAdded>> RegisterNodes(HttpContext context, NodeAccess access, IOptions<ChainOptions> chain)
    {
        var nodeId = NodeIdOf(context, chain);
        var body = await JsonBody.ReadAsync<TutorialNodesRequest>(context.Request);
        if (body!.Nodes is not { Count: > 0 } nodes)
            throw DomainException.Invalid("missing_nodes", "Error: Please supply a valid list of nodes");
        var peers = await (await access.ForWriteAsync(nodeId, context)).AddPeersAsync(nodes);
        return TypedResults.Created((string?)null, new TutorialNodesAdded("New nodes have been added", peers.Select(p => p.NodeId).ToArray()));
    }

    private static async Task<Ok<TutorialResolved>> Resolve(HttpContext context, NodeAccess access, IOptions<ChainOptions> chain)
    {
        var node = await access.ForWriteAsync(NodeIdOf(context, chain), context);
        var result = await node.ResolveAsync();
        var blocks = (await node.WholeChainAsync()).Blocks.Select(TutorialBlock.From).ToArray();
        return TypedResults.Ok(result.Replaced
            ? new TutorialResolved("Our chain was replaced", blocks, null)
            : new TutorialResolved("Our chain is authoritative", null, blocks));
    }

    private static long Units(decimal coins, string field) =>
        Coins.ToUnits(coins) ?? throw DomainException.Invalid("bad_amount", $"{field} is in coins with at most 8 decimals (1 coin = 100000000 units)");

    /// <summary>A recipient is an address, or the name of an existing node (its wallet address).</summary>
    private static async Task<string> RecipientAsync(IGrainFactory grains, string recipient)
    {
        if (Address.IsValid(recipient))
            return recipient;
        if (NodeIds.IsValid(recipient) && await grains.GetGrain<IChainNodeGrain>(recipient).ExistsAsync())
            return (await grains.GetGrain<IChainNodeGrain>(recipient).GetSummaryAsync()).WalletAddress;
        throw DomainException.Invalid("bad_recipient", $"recipient must be an address (40 lower-case hex digits) or the name of an existing node; '{recipient}' is neither");
    }
}
