using System.Security.Claims;
using Gateway.Auth;
using Gateway.Chain;
using Gateway.Http;
using Gateway.Http.OpenApi;
using Grains.Chain;
using Grains.Chain.Model;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Grains.Interfaces.Payments;
using Grains.Payments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Gateway.Payments;

/// <summary>
/// <c>/api/me/wallet</c>: the caller's wallet on the payments node. Every route acts on the caller's own wallet only;
/// nothing here can move another account's coins.
/// </summary>
public static class WalletRoutes
{
    public static RouteGroupBuilder MapWalletRoutes(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/me/wallet").WithTags("Wallet").RequireAuthorization().WithBodyLimit(BodyLimits.Json)
            .ProducesErrors(Status400BadRequest, Status401Unauthorized, Status503ServiceUnavailable);
        group.MapGet("/", Get).WithName("GetMyWallet")
            .WithExample(new WalletResponse(ApiExamples.WalletAddress, WalletCustody.Server, 10_000_000_000, 10_000_000_000, 0, "100", "0", [ApiExamples.Activity]))
            .WithSummary("The caller's wallet")
            .WithDescription("Address, who holds the key (server or self), confirmed, spendable and pending balance in units (and coins), and the most recent transactions with their confirmations (limit, default 20).");
        group.MapPost("/transfers", Transfer).WithName("Transfer").ProducesErrors(Status402PaymentRequired, Status404NotFound, Status409Conflict)
            .WithExample(new TransferRequest("lisi", 150_000_000, "t-2f1c", null))
            .WithSummary("Sends coins")
            .WithDescription("From the caller's custodial wallet to an address or a username's wallet, amount in units; the service signs. The same client_id never pays twice. 402 payment_required with price and balance when the wallet cannot cover it.");
        group.MapPost("/transactions", SubmitSigned).WithName("SubmitSignedTransaction").ProducesErrors(Status403Forbidden, Status409Conflict)
            .WithExample(new TransactionRequest(null, "ed796d7cbb56bd305c4413182e83823b280786c7", "00112233445566778899aabbccddeeff00112233", 150_000_000, 1_000, 0,
                "0493395a91a106ef0231074cf36611eb1eb7715590ef53771cdf7bc08839014f32cce058a875392079dd7c4fbbf8def4425062b4c4895341b0a7072d7cdca432e4",
                "814fa70f9f47faaca5df10ac75608db3b8a921ed4ad85d8b10723682d36134577d15eb3c4bfa82c639230c353dcb3897e9c558b36353c9c4f5d1f59211e2ac1e"))
            .WithSummary("Sends a transaction the caller signed")
            .WithDescription("For a self-custody wallet: a transaction signed with the caller's own key (docs/chain.md), spending from the wallet's address.");
        group.MapPut("/key", UseOwnKey).WithName("UseOwnWalletKey").ProducesErrors(Status409Conflict)
            .WithExample(new OwnKeyRequest("0493395a91a106ef0231074cf36611eb1eb7715590ef53771cdf7bc08839014f32cce058a875392079dd7c4fbbf8def4425062b4c4895341b0a7072d7cdca432e4"))
            .WithSummary("Switches to self-custody")
            .WithDescription("Registers the caller's own public key; from then on the caller signs every payment. Only while the wallet holds nothing (409 wallet_not_empty).");
        group.MapPost("/faucet", Faucet).WithName("Faucet").ProducesErrors(Status403Forbidden, Status429TooManyRequests)
            .WithExample(ApiExamples.Receipt)
            .WithSummary("Development coins")
            .WithDescription("Pays Wallet:FaucetAmount units from the payments node's wallet, a few times an hour per wallet. On in embedded mode, off in a cluster unless Wallet:FaucetEnabled.");
        endpoints.MapGet("/api/chain/info", Info).WithTags("Wallet").AllowAnonymous().WithName("GetChainInfo").ProducesErrors(Status503ServiceUnavailable)
            .WithExample(new ChainInfo("chaincoin-teaching", "main", Coins.Decimals, Coins.UnitsPerCoin, 1_250_000_000, 3, 1_204, false))
            .WithSummary("The coin and the payments node")
            .WithDescription("Amounts on the wire are integer units; decimals says how many units make a coin (10^decimals).");
        return group;
    }

    private static IWalletGrain Wallet(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IWalletGrain>(WalletIds.ForUser(user.UserIdOf()));

    private static async Task<Ok<WalletResponse>> Get(ClaimsPrincipal user, IGrainFactory grains, int? limit)
    {
        var wallet = Wallet(grains, user);
        var view = await wallet.GetAsync();
        return TypedResults.Ok(WalletResponse.From(view, await wallet.GetActivityAsync(limit ?? 20)));
    }

    private static async Task<Created<PaymentReceipt>> Transfer(TransferRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<PaymentOptions> payments)
    {
        RequiredFields.Check(("to", request.To), ("amount", request.Amount), ("client_id", request.ClientId));
        var to = await RecipientAddressAsync(grains, request.To!);
        var receipt = await Wallet(grains, user).PayAsync(new PaymentOrder(to, request.Amount!.Value, request.Memo, request.ClientId!));
        return TypedResults.Created(ResourcePaths.NodeTransaction(payments.Value.PaymentsNode, receipt.TransactionId), receipt);
    }

    private static async Task<Created<PaymentReceipt>> SubmitSigned(TransactionRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<ChainOptions> chain,
        IOptions<PaymentOptions> payments)
    {
        var receipt = await Wallet(grains, user).SubmitSignedAsync(request.ToData(chain.Value.NetworkId));
        return TypedResults.Created(ResourcePaths.NodeTransaction(payments.Value.PaymentsNode, receipt.TransactionId), receipt);
    }

    private static async Task<Ok<WalletResponse>> UseOwnKey(OwnKeyRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        RequiredFields.Check(("public_key", request.PublicKey));
        var wallet = Wallet(grains, user);
        var view = await wallet.UseOwnKeyAsync(request.PublicKey!);
        return TypedResults.Ok(WalletResponse.From(view, await wallet.GetActivityAsync(20)));
    }

    private static async Task<Created<PaymentReceipt>> Faucet(ClaimsPrincipal user, IGrainFactory grains, IOptions<WalletOptions> options, IOptions<PaymentOptions> payments)
    {
        if (options.Value.FaucetEnabled != true)
            throw DomainException.Forbidden(ErrorCodes.FaucetDisabled, "The faucet is off here (Wallet:FaucetEnabled).");
        var receipt = await Wallet(grains, user).FaucetAsync(options.Value.FaucetAmount, options.Value.FaucetPerHour);
        return TypedResults.Created(ResourcePaths.NodeTransaction(payments.Value.PaymentsNode, receipt.TransactionId), receipt);
    }

    private static async Task<Ok<ChainInfo>> Info(IGrainFactory grains, IOptions<ChainOptions> chain, IOptions<PaymentOptions> payments, IOptions<WalletOptions> wallet)
    {
        var node = grains.GetGrain<IChainNodeGrain>(payments.Value.PaymentsNode);
        var tip = await node.ExistsAsync() ? (await node.GetTipAsync()).Height : 0;
        return TypedResults.Ok(new ChainInfo(chain.Value.NetworkId, payments.Value.PaymentsNode, Coins.Decimals, Coins.UnitsPerCoin, chain.Value.BlockReward,
            payments.Value.PaymentConfirmations ?? 1, tip, wallet.Value.FaucetEnabled == true));
    }

    /// <summary>An address as given, or the wallet address of a username (404 when there is no such account).</summary>
    public static async Task<string> RecipientAddressAsync(IGrainFactory grains, string to)
    {
        if (Address.IsValid(to))
            return to;
        if (!AccountNames.TryCanonicalize(to, out _, out var userId) || await grains.GetGrain<IAccountGrain>(userId).GetAsync() is null)
            throw DomainException.NotFound(ErrorCodes.UserNotFound, $"to must be an address (40 lower-case hex digits) or a username; there is no user {to}.");
        return (await grains.GetGrain<IWalletGrain>(WalletIds.ForUser(userId)).GetAsync()).Address;
    }
}
