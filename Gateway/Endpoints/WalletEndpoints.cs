using Gateway.Routing;
using Gateway.Chain;
using Grains.Chain;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>Demo wallets: key pairs and signing done by the server, which is exactly why they are not for real funds.</summary>
public static class WalletEndpoints
{
    private const string Warning = "Demo only: the server has seen this private key. Do not use it for real funds; sign on your own machine (see docs/chain.md).";

    public static RouteGroupBuilder MapWalletEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/wallets").WithTags("Wallets (demo)").WithBodyLimit(BodyLimits.Json);
        group.MapPost("/", Create).WithName("CreateWallet").WithSummary("Creates a P-256 key pair and its address (demo, not for real funds).");
        group.MapPost("/sign", Sign).WithName("SignTransaction").Accepts<SignRequest>("application/json")
            .WithSummary("Signs a transfer with a given private key (demo, not for real funds).");
        return group;
    }

    private static Created<WalletCreated> Create()
    {
        var (privateKey, publicKey) = TransactionSigner.CreateKeyPair();
        var address = Address.FromPublicKey(publicKey);
        return TypedResults.Created(ResourcePaths.Wallet(address),
            new WalletCreated(address, Convert.ToHexStringLower(publicKey), Convert.ToHexStringLower(privateKey), Warning));
    }

    private static async Task<Ok<SignedTransaction>> Sign(HttpRequest request, IOptions<ChainOptions> chain)
    {
        var body = await JsonBody.ReadAsync<SignRequest>(request);
        JsonBody.Require("missing_fields", "missing fields", ("privateKey", body!.PrivateKey), ("to", body.To), ("amount", body.Amount), ("nonce", body.Nonce));
        if (!Address.IsValid(body.To))
            throw DomainException.Invalid("bad_address", "to must be 40 lower-case hex digits");
        byte[] key;
        try
        {
            key = Convert.FromHexString(body.PrivateKey!);
        }
        catch (FormatException)
        {
            throw DomainException.Invalid("bad_private_key", "privateKey must be 64 hex digits");
        }

        try
        {
            var tx = TransactionSigner.Sign(body.ChainId ?? chain.Value.NetworkId, body.To!, body.Amount!.Value, body.Fee ?? 0, body.Nonce!.Value, key);
            return TypedResults.Ok(new SignedTransaction(tx.Id.ToString(), ChainViews.ToData(tx), Warning));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw DomainException.Invalid("bad_private_key", "privateKey must be a P-256 private key: 64 hex digits");
        }
    }
}
