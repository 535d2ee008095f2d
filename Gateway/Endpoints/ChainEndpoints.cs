using Gateway.Routing;
using Gateway.Auth;
using Gateway.Chain;
using Gateway.Limits;
using Grains.Chain;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>Chain nodes: <c>/api/nodes/{node}/...</c>. Reads of a node never used are 404; writes create it.</summary>
public static class ChainEndpoints
{
    public static RouteGroupBuilder MapChainEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/nodes/{node}").WithTags("Chain nodes").WithBodyLimit(BodyLimits.Json);
        group.MapGet("/", GetNode).WithName("GetNode").WithSummary("A node's tip, work, mempool size, peers, policy, owner and wallet address.");
        group.MapPut("/", CreateNode).WithName("CreateNode").RequireAuthorization()
            .WithSummary("Creates the node, owned by the caller (within the account's node quota); 200 if it is already the caller's, 409 if another's.");
        group.MapGet("/chain", GetChain).WithName("GetNodeChain").WithSummary("Best-chain blocks by height (from, limit <= 1000) and the chain's length.");
        group.MapGet("/blocks/{hash}", GetBlock).WithName("GetNodeBlock").WithSummary("A block the node knows, by hash.");
        group.MapPost("/mine", Mine).WithName("MineBlock").Accepts<MineRequest>("application/json").RequireRateLimiting(RatePolicies.Mining)
            .WithSummary("Mines one block from the mempool (highest fee first), stores and announces it; joins a mining run already under way.");
        group.MapPut("/mining", SetMining).WithName("SetContinuousMining").Accepts<MiningRequest>("application/json").RequireAuthorization()
            .WithSummary("Starts ({\"enabled\": true}) or stops continuous background mining (the node's owner only).");
        group.MapPatch("/settings", UpdateSettings).WithName("UpdateNodeSettings").Accepts<NodeSettings>("application/json").RequireAuthorization()
            .WithSummary("Sets the node's reward address and the mempool's minimum fee in units (the node's owner only).");
        group.MapPost("/transactions", SubmitTransaction).WithName("SubmitTransaction").Accepts<TransactionRequest>("application/json")
            .WithSummary("Submits a signed transaction; 201 when new, 200 when the same transaction was already known.");
        group.MapGet("/transactions/{tx}", GetTransaction).WithName("GetTransaction").WithSummary("Pending, or in a block at height H with C confirmations.");
        group.MapGet("/mempool", GetMempool).WithName("GetMempool").WithSummary("Pending transactions in arrival order.");
        group.MapGet("/accounts/{address}", GetAccount).WithName("GetAccount").WithSummary("Confirmed, spendable and pending balance (units and coins) and the next nonce.");
        group.MapGet("/peers", GetPeers).WithName("GetPeers").WithSummary("The node's peers and whether it is ignoring any.");
        group.MapPost("/peers", AddPeers).WithName("AddPeers").Accepts<PeersRequest>("application/json")
            .WithSummary("Registers peers by node id ({\"peers\": [\"lisi\"]}); unknown ids and the node itself are refused.");
        group.MapPost("/resolve", Resolve).WithName("ResolveChain").WithSummary("Pulls and validates the peers' chains and keeps the one with most work.");
        return group;
    }

    private static async Task<Ok<NodeSummary>> GetNode(string node, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Node(node).GetSummaryAsync());

    private static async Task<Ok<ChainPage>> GetChain(string node, IGrainFactory grains, long? from, int? limit) =>
        TypedResults.Ok(await grains.Node(node).GetChainAsync(from ?? 0, limit ?? 100));

    private static async Task<Ok<BlockInfo>> GetBlock(string node, string hash, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Node(node).GetBlockAsync(hash));

    private static async Task<Results<Created<NodeSummary>, Ok<NodeSummary>>> CreateNode(string node, HttpContext http, IGrainFactory grains, NodeAccess access)
    {
        var grain = grains.Node(node);
        var existed = await grain.ExistsAsync();
        var summary = existed ? await grain.GetSummaryAsync() : await access.CreateAsync(grain, http.User, RatePolicies.AddressOf(http));
        if (summary.OwnerId != http.User.UserIdOf())
            throw DomainException.Conflict("node_exists", $"Node {node} exists and belongs to another account.");
        return existed ? TypedResults.Ok(summary) : TypedResults.Created(ResourcePaths.Node(node), summary);
    }

    private static async Task<Ok<BlockInfo>> Mine(string node, HttpContext http, NodeAccess access)
    {
        var body = await JsonBody.ReadAsync<MineRequest>(http.Request, optional: true);
        return TypedResults.Ok(await (await access.ForWriteAsync(node, http)).MineAsync(body?.MinerAddress));
    }

    private static async Task<Ok<NodeSummary>> SetMining(string node, HttpContext http, IGrainFactory grains)
    {
        var body = await JsonBody.ReadAsync<MiningRequest>(http.Request);
        JsonBody.Require("missing_fields", "missing fields", ("enabled", body!.Enabled));
        return TypedResults.Ok(await grains.Node(node).SetMiningAsync(http.User.UserIdOf(), body.Enabled!.Value));
    }

    private static async Task<Ok<NodeSummary>> UpdateSettings(string node, HttpContext http, IGrainFactory grains)
    {
        var body = await JsonBody.ReadAsync<NodeSettings>(http.Request);
        return TypedResults.Ok(await grains.Node(node).UpdateSettingsAsync(http.User.UserIdOf(), body!));
    }

    private static async Task<Results<Created<SubmitResult>, Ok<SubmitResult>>> SubmitTransaction(
        string node, HttpContext http, NodeAccess access, IOptions<ChainOptions> chain)
    {
        var request = http.Request;
        var body = await JsonBody.ReadAsync<TransactionRequest>(request);
        JsonBody.Require("missing_fields", "missing fields",
            ("from", body!.From), ("to", body.To), ("amount", body.Amount), ("nonce", body.Nonce), ("publicKey", body.PublicKey), ("signature", body.Signature));
        var data = new TransactionData(body.ChainId ?? chain.Value.NetworkId, body.From!, body.To!, body.Amount!.Value, body.Fee ?? 0,
            body.Nonce!.Value, body.PublicKey!, body.Signature!);
        var result = await (await access.ForWriteAsync(node, http)).SubmitTransactionAsync(data);
        return result.AlreadyKnown
            ? TypedResults.Ok(result)
            : TypedResults.Created(ResourcePaths.NodeTransaction(node, result.Status.Id), result);
    }

    private static async Task<Ok<TransactionStatus>> GetTransaction(string node, string tx, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Node(node).GetTransactionAsync(tx));

    private static async Task<Ok<IReadOnlyList<TransactionInfo>>> GetMempool(string node, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Node(node).GetMempoolAsync());

    private static async Task<Ok<AccountView>> GetAccount(string node, string address, IGrainFactory grains) =>
        TypedResults.Ok(AccountView.From(await grains.Node(node).GetAccountAsync(address)));

    private static async Task<Ok<IReadOnlyList<PeerInfo>>> GetPeers(string node, IGrainFactory grains) =>
        TypedResults.Ok((await grains.Node(node).GetSummaryAsync()).Peers);

    private static async Task<Ok<IReadOnlyList<PeerInfo>>> AddPeers(string node, HttpContext http, NodeAccess access)
    {
        var body = await JsonBody.ReadAsync<PeersRequest>(http.Request);
        var peers = body!.Peers ?? body.Nodes;
        JsonBody.Require("missing_fields", "missing fields", ("peers", peers));
        return TypedResults.Ok(await (await access.ForWriteAsync(node, http)).AddPeersAsync(peers!));
    }

    private static async Task<Ok<ResolveResult>> Resolve(string node, HttpContext http, NodeAccess access) =>
        TypedResults.Ok(await (await access.ForWriteAsync(node, http)).ResolveAsync());
}
