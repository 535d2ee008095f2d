using Gateway.Auth;
using Gateway.Http;
using Gateway.Http.OpenApi;
using Gateway.Limits;
using Grains.Chain;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Gateway.Chain;

/// <summary>Chain nodes: <c>/api/nodes/{node}/...</c>. Reads of a node never used are 404; writes create it.</summary>
public static class ChainEndpoints
{
    private const string Address = "5f434fe529aafe9c95ba688d17de8d4c5a6164cf";

    public static RouteGroupBuilder MapChainEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/nodes/{node}").WithTags("Chain nodes").WithBodyLimit(BodyLimits.Json)
            .ProducesErrors(Status400BadRequest, Status503ServiceUnavailable);
        group.MapGet("/", GetNode).WithName("GetNode").ProducesErrors(Status404NotFound)
            .WithSummary("A node at a glance")
            .WithDescription("Tip, height, cumulative work, known blocks, mempool size, peers (and which are ignored), mining, reward address, minimum fee, next target, owner and the node's own wallet address.");
        group.MapPut("/", CreateNode).WithName("CreateNode").RequireAuthorization().ProducesErrors(Status401Unauthorized, Status403Forbidden, Status409Conflict)
            .WithSummary("Creates a node owned by the caller")
            .WithDescription("Within the account's node quota (403 node_quota_exceeded). 201 when created, 200 when it is already the caller's, 409 node_exists when another account owns it.");
        group.MapGet("/chain", GetChain).WithName("GetNodeChain").ProducesErrors(Status404NotFound)
            .WithSummary("Best-chain blocks by height")
            .WithDescription("Blocks from height `from` (default 0), at most `limit` (default 100, at most 1000), and the chain's length.");
        group.MapGet("/blocks/{hash}", GetBlock).WithName("GetNodeBlock").ProducesErrors(Status404NotFound)
            .WithSummary("A block by hash").WithDescription("Any block the node knows, on the best chain or not.");
        group.MapPost("/mine", Mine).WithName("MineBlock").RequireRateLimiting(RatePolicies.Mining).ProducesErrors(Status409Conflict, Status429TooManyRequests)
            .WithExample(new MineRequest(Address))
            .WithSummary("Mines one block")
            .WithDescription("Takes the mempool's highest fees first, stores and announces the block and returns it; a request while mining is under way joins it. The optional body names where this block's reward goes. Creates the node if needed (owned by the caller, or by the operator when anonymous).");
        group.MapPut("/mining", SetMining).WithName("SetContinuousMining").RequireAuthorization().ProducesErrors(Status401Unauthorized, Status403Forbidden, Status404NotFound)
            .WithExample(new MiningRequest(true))
            .WithSummary("Starts or stops continuous mining").WithDescription("The node's owner only (403 not_node_owner). Kept across restarts.");
        group.MapPatch("/settings", UpdateSettings).WithName("UpdateNodeSettings").RequireAuthorization().ProducesErrors(Status401Unauthorized, Status403Forbidden, Status404NotFound)
            .WithExample(new NodeSettings(Address, 1_000))
            .WithSummary("Changes the reward address and minimum fee").WithDescription("The node's owner only (403 not_node_owner). Absent fields stay as they are; the fee is in units.");
        group.MapPost("/transactions", SubmitTransaction).WithName("SubmitTransaction").ProducesErrors(Status429TooManyRequests)
            .WithExample(new TransactionRequest("chaincoin-teaching", "ed796d7cbb56bd305c4413182e83823b280786c7", "00112233445566778899aabbccddeeff00112233",
                150_000_000, 1_000, 0, "0493395a91a106ef0231074cf36611eb1eb7715590ef53771cdf7bc08839014f32cce058a875392079dd7c4fbbf8def4425062b4c4895341b0a7072d7cdca432e4",
                "9bf7732fc9cabf5f26907dc1b5d14ac29de090072cbecf1113a4f3ffa24414591a7c119331d72cffc11621cc7e4bf5718d4d053dc0270f85972dfc61ed92c386",
                "join:3f9a0c1e5b7d2468:zhangsan"))
            .WithSummary("Submits a signed transaction")
            .WithDescription("201 when new, 200 when the same transaction was already known. An optional memo (1-64 bytes of UTF-8, no control characters) is covered by the signature (format version 2). Refusals are 400 with the rule's code (tx_signature, tx_balance, tx_nonce, tx_high_s, tx_memo, ...; see docs/chain.md).");
        group.MapGet("/transactions/{tx}", GetTransaction).WithName("GetTransaction").ProducesErrors(Status404NotFound)
            .WithSummary("A transaction's status").WithDescription("Pending, or confirmed in a block at a height with a number of confirmations.");
        group.MapGet("/mempool", GetMempool).WithName("GetMempool").ProducesErrors(Status404NotFound)
            .WithSummary("Pending transactions").WithDescription("In arrival order.");
        group.MapGet("/accounts/{address}", GetAccount).WithName("GetAccount").ProducesErrors(Status404NotFound)
            .WithSummary("An address's balances").WithDescription("Confirmed, spendable, immature and pending balance (units and coins) and the next nonce.");
        group.MapGet("/peers", GetPeers).WithName("GetPeers").ProducesErrors(Status404NotFound)
            .WithSummary("The node's peers").WithDescription("And whether it is ignoring any for sending invalid data.");
        group.MapPost("/peers", AddPeers).WithName("AddPeers")
            .WithExample(new PeersRequest(["lisi"], null))
            .WithSummary("Registers peers by node id").WithDescription("Each must be an existing node other than this one.");
        group.MapPost("/resolve", Resolve).WithName("ResolveChain")
            .WithSummary("Consensus").WithDescription("Pulls the peers' chains, validates every block it lacks and keeps the chain with most work; says whether ours was replaced.");
        return group;
    }

    private static async Task<Ok<NodeSummary>> GetNode(string node, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Node(node).GetSummaryAsync());

    private static async Task<Results<Created<NodeSummary>, Ok<NodeSummary>>> CreateNode(string node, HttpContext http, IGrainFactory grains, NodeAccess access)
    {
        var grain = grains.Node(node);
        var existed = await grain.ExistsAsync();
        var summary = existed ? await grain.GetSummaryAsync() : await access.CreateAsync(grain, http.User, RatePolicies.AddressOf(http));
        if (summary.OwnerId != http.User.UserIdOf())
            throw DomainException.Conflict(ErrorCodes.NodeExists, $"Node {node} exists and belongs to another account.");
        return existed ? TypedResults.Ok(summary) : TypedResults.Created(ResourcePaths.Node(node), summary);
    }

    private static async Task<Ok<ChainPage>> GetChain(string node, IGrainFactory grains, long? from, int? limit) =>
        TypedResults.Ok(await grains.Node(node).GetChainAsync(from ?? 0, limit ?? 100));

    private static async Task<Ok<BlockInfo>> GetBlock(string node, string hash, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Node(node).GetBlockAsync(hash));

    private static async Task<Ok<BlockInfo>> Mine(string node, MineRequest? request, HttpContext http, NodeAccess access) =>
        TypedResults.Ok(await (await access.ForWriteAsync(node, http)).MineAsync(request?.MinerAddress));

    private static async Task<Ok<NodeSummary>> SetMining(string node, MiningRequest request, HttpContext http, IGrainFactory grains)
    {
        RequiredFields.Check(("enabled", request.Enabled));
        return TypedResults.Ok(await grains.Node(node).SetMiningAsync(http.User.UserIdOf(), request.Enabled!.Value));
    }

    private static async Task<Ok<NodeSummary>> UpdateSettings(string node, NodeSettings request, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Node(node).UpdateSettingsAsync(http.User.UserIdOf(), request));

    private static async Task<Results<Created<SubmitResult>, Ok<SubmitResult>>> SubmitTransaction(
        string node, TransactionRequest request, HttpContext http, NodeAccess access, IOptions<ChainOptions> chain)
    {
        RequiredFields.Check(("from", request.From), ("to", request.To), ("amount", request.Amount), ("nonce", request.Nonce),
            ("public_key", request.PublicKey), ("signature", request.Signature));
        var data = new TransactionData(request.ChainId ?? chain.Value.NetworkId, request.From!, request.To!, request.Amount!.Value, request.Fee ?? 0,
            request.Nonce!.Value, request.PublicKey!, request.Signature!, request.Memo);
        var result = await (await access.ForWriteAsync(node, http)).SubmitTransactionAsync(data);
        return result.AlreadyKnown
            ? TypedResults.Ok(result)
            : TypedResults.Created(ResourcePaths.NodeTransaction(node, result.Status.Id), result);
    }

    private static async Task<Ok<TransactionStatus>> GetTransaction(string node, string tx, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Node(node).GetTransactionAsync(tx));

    private static async Task<Ok<IReadOnlyList<TransactionInfo>>> GetMempool(string node, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Node(node).GetMempoolAsync());

    private static async Task<Ok<BalanceView>> GetAccount(string node, string address, IGrainFactory grains) =>
        TypedResults.Ok(BalanceView.From(await grains.Node(node).GetAccountAsync(address)));

    private static async Task<Ok<IReadOnlyList<PeerInfo>>> GetPeers(string node, IGrainFactory grains) =>
        TypedResults.Ok((await grains.Node(node).GetSummaryAsync()).Peers);

    private static async Task<Ok<IReadOnlyList<PeerInfo>>> AddPeers(string node, PeersRequest request, HttpContext http, NodeAccess access)
    {
        var peers = request.Peers ?? request.Nodes;
        RequiredFields.Check(("peers", peers));
        return TypedResults.Ok(await (await access.ForWriteAsync(node, http)).AddPeersAsync(peers!));
    }

    private static async Task<Ok<ResolveResult>> Resolve(string node, HttpContext http, NodeAccess access) =>
        TypedResults.Ok(await (await access.ForWriteAsync(node, http)).ResolveAsync());
}
