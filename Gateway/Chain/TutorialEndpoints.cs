using Gateway.Limits;
using Gateway.Http;
using Gateway.Http.OpenApi;
using Grains.Chain;
using Grains.Chain.Model;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Chain;

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
        // Per node: the route declares {node}. Without a prefix: the configured default node.
        var perNode = endpoints.MapGroup("/{node}").WithTags("Tutorial API (per node)").WithBodyLimit(BodyLimits.Json)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        perNode.MapMethods("/mine", ["GET", "POST"], (string node, HttpContext http, NodeAccess access) => MineAsync(node, http, access))
            .WithName("TutorialMineNode").Document(Operation.Mine);
        perNode.MapGet("/chain", (string node, HttpContext http, NodeAccess access) => ChainAsync(node, http, access))
            .WithName("TutorialChainNode").Document(Operation.Chain);
        perNode.MapPost("/transactions/new", (string node, TutorialTransactionRequest request, HttpContext http, IGrainFactory grains, NodeAccess access, IOptions<ChainOptions> chain) =>
                NewTransactionAsync(node, request, http, grains, access, chain))
            .WithName("TutorialNewTransactionNode").Document(Operation.NewTransaction);
        perNode.MapPost("/nodes/register", (string node, TutorialNodesRequest request, HttpContext http, NodeAccess access) => RegisterNodesAsync(node, request, http, access))
            .WithName("TutorialRegisterNodesNode").Document(Operation.Register);
        perNode.MapGet("/nodes/resolve", (string node, HttpContext http, NodeAccess access) => ResolveAsync(node, http, access))
            .WithName("TutorialResolveNode").Document(Operation.Resolve);

        var byDefault = endpoints.MapGroup("/").WithTags("Tutorial API (default node)").WithBodyLimit(BodyLimits.Json)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        byDefault.MapMethods("/mine", ["GET", "POST"], (HttpContext http, NodeAccess access, IOptions<ChainOptions> chain) => MineAsync(chain.Value.DefaultNode, http, access))
            .WithName("TutorialMineDefault").Document(Operation.Mine);
        byDefault.MapGet("/chain", (HttpContext http, NodeAccess access, IOptions<ChainOptions> chain) => ChainAsync(chain.Value.DefaultNode, http, access))
            .WithName("TutorialChainDefault").Document(Operation.Chain);
        byDefault.MapPost("/transactions/new", (TutorialTransactionRequest request, HttpContext http, IGrainFactory grains, NodeAccess access, IOptions<ChainOptions> chain) =>
                NewTransactionAsync(chain.Value.DefaultNode, request, http, grains, access, chain))
            .WithName("TutorialNewTransactionDefault").Document(Operation.NewTransaction);
        byDefault.MapPost("/nodes/register", (TutorialNodesRequest request, HttpContext http, NodeAccess access, IOptions<ChainOptions> chain) =>
                RegisterNodesAsync(chain.Value.DefaultNode, request, http, access))
            .WithName("TutorialRegisterNodesDefault").Document(Operation.Register);
        byDefault.MapGet("/nodes/resolve", (HttpContext http, NodeAccess access, IOptions<ChainOptions> chain) => ResolveAsync(chain.Value.DefaultNode, http, access))
            .WithName("TutorialResolveDefault").Document(Operation.Resolve);
        return endpoints;
    }

    private enum Operation
    {
        Mine,
        Chain,
        NewTransaction,
        Register,
        Resolve,
    }

    private static RouteHandlerBuilder Document(this RouteHandlerBuilder route, Operation operation) => operation switch
    {
        Operation.Mine => route.RequireRateLimiting(RatePolicies.Mining).ProducesErrors(StatusCodes.Status409Conflict)
            .WithExample(new TutorialMined("New Block Forged", 5, [TutorialExamples.Coinbase], 42_822, TutorialExamples.PreviousHash, TutorialExamples.Hash))
            .WithSummary("Mines a block (tutorial shape)")
            .WithDescription("The reward (12.5 coins) goes to the node's own wallet. The node comes into being on first use."),
        Operation.Chain => route
            .WithExample(new TutorialChain([TutorialExamples.Block], 1))
            .WithSummary("The whole best chain (tutorial shape)")
            .WithDescription("Blocks from genesis (index 1) with their transactions, amounts in coins; and the chain's length."),
        Operation.NewTransaction => route
            .WithExample(new TutorialTransactionRequest("zhangsan", "lisi", 5, null, null, null, null, null))
            .WithSummary("Adds a transaction (tutorial shape)")
            .WithDescription("sender, recipient (an address or a node's name) and amount in coins, and an optional memo (1-64 bytes of UTF-8). From the node itself (its name or wallet address) no signature is needed: the node signs, memo included. Any other sender adds nonce, public_key and signature over the memo too (docs/chain.md)."),
        Operation.Register => route
            .WithExample(new TutorialNodesRequest(["zhangsan", "lisi"]))
            .WithSummary("Registers peers by node id (tutorial shape)")
            .WithDescription("Peers are existing node ids other than this node (not URLs as in the tutorial); the answer lists them all."),
        _ => route
            .WithExample(new TutorialResolved("Our chain is authoritative") { Chain = [TutorialExamples.Block] })
            .WithSummary("Consensus (tutorial shape)")
            .WithDescription("Adopts the peers' chain with most work if it beats ours: \"Our chain was replaced\" with new_chain, else \"Our chain is authoritative\" with chain."),
    };

    private static async Task<Ok<TutorialMined>> MineAsync(string nodeId, HttpContext http, NodeAccess access)
    {
        var node = await access.ForWriteAsync(nodeId, http);
        var block = TutorialBlock.From(await node.MineAsync(null));
        return TypedResults.Ok(new TutorialMined("New Block Forged", block.Index, block.Transactions, block.Proof, block.PreviousHash, block.Hash));
    }

    private static async Task<Ok<TutorialChain>> ChainAsync(string nodeId, HttpContext http, NodeAccess access)
    {
        var node = await access.ForWriteAsync(nodeId, http);
        var page = await node.WholeChainAsync();
        return TypedResults.Ok(new TutorialChain(page.Blocks.Select(TutorialBlock.From).ToArray(), page.Length));
    }

    private static async Task<Created<TutorialMessage>> NewTransactionAsync(string nodeId, TutorialTransactionRequest body, HttpContext http, IGrainFactory grains,
        NodeAccess access, IOptions<ChainOptions> chain)
    {
        RequiredFields.Check(ErrorCodes.MissingValues, "Missing values", ("sender", body.Sender), ("recipient", body.Recipient), ("amount", body.Amount));
        var amount = Units(body.Amount!.Value, "amount");
        var fee = body.Fee is { } feeCoins ? Units(feeCoins, "fee") : (long?)null;
        var node = await access.ForWriteAsync(nodeId, http);
        var self = await node.GetSummaryAsync();

        SubmitResult result;
        if (body.Nonce is null && body.PublicKey is null && body.Signature is null)
        {
            if (body.Sender != nodeId && body.Sender != self.WalletAddress)
            {
                throw DomainException.Invalid(ErrorCodes.UnsignedSender,
                    $"Only node {nodeId} itself (sender \"{nodeId}\" or \"{self.WalletAddress}\") may send without a signature; {SigningHelp}.");
            }

            result = await node.SendFromWalletAsync(await RecipientAsync(grains, body.Recipient!), amount, fee, body.Memo);
        }
        else
        {
            RequiredFields.Check(ErrorCodes.MissingValues, $"Missing values ({SigningHelp})", ("nonce", body.Nonce), ("public_key", body.PublicKey), ("signature", body.Signature));
            result = await node.SubmitTransactionAsync(new TransactionData(body.ChainId ?? chain.Value.NetworkId, body.Sender!,
                await RecipientAsync(grains, body.Recipient!), amount, fee ?? 0, body.Nonce!.Value, body.PublicKey!, body.Signature!, body.Memo));
        }

        var index = result.Status.Height is { } height ? height + 1 : result.NextBlockHeight + 1;
        return TypedResults.Created((string?)null, new TutorialMessage($"Transaction will be added to Block {index}", result.Status.Id));
    }

    private static async Task<Created<TutorialNodesAdded>> RegisterNodesAsync(string nodeId, TutorialNodesRequest body, HttpContext http, NodeAccess access)
    {
        if (body.Nodes is not { Count: > 0 } nodes)
            throw DomainException.Invalid(ErrorCodes.MissingNodes, "Error: Please supply a valid list of nodes");
        var peers = await (await access.ForWriteAsync(nodeId, http)).AddPeersAsync(nodes);
        return TypedResults.Created((string?)null, new TutorialNodesAdded("New nodes have been added", peers.Select(p => p.NodeId).ToArray()));
    }

    private static async Task<Ok<TutorialResolved>> ResolveAsync(string nodeId, HttpContext http, NodeAccess access)
    {
        var node = await access.ForWriteAsync(nodeId, http);
        var result = await node.ResolveAsync();
        var blocks = (await node.WholeChainAsync()).Blocks.Select(TutorialBlock.From).ToArray();
        return TypedResults.Ok(result.Replaced
            ? new TutorialResolved("Our chain was replaced") { NewChain = blocks }
            : new TutorialResolved("Our chain is authoritative") { Chain = blocks });
    }

    private static long Units(decimal coins, string field) =>
        Coins.ToUnits(coins) ?? throw DomainException.Invalid(ErrorCodes.BadAmount, $"{field} is in coins with at most 8 decimals (1 coin = 100000000 units)");

    /// <summary>A recipient is an address, or the name of an existing node (its wallet address).</summary>
    private static async Task<string> RecipientAsync(IGrainFactory grains, string recipient)
    {
        if (Address.IsValid(recipient))
            return recipient;
        if (NodeIds.IsValid(recipient) && await grains.GetGrain<IChainNodeGrain>(recipient).ExistsAsync())
            return (await grains.GetGrain<IChainNodeGrain>(recipient).GetSummaryAsync()).WalletAddress;
        throw DomainException.Invalid(ErrorCodes.BadRecipient, $"recipient must be an address (40 lower-case hex digits) or the name of an existing node; '{recipient}' is neither");
    }
}
