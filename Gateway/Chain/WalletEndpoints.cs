using Gateway.Http;
using Gateway.Http.OpenApi;
using Grains.Chain;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Chain;

/// <summary>Demo wallets: key pairs and signing done by the server, which is exactly why they are not for real funds.</summary>
public static class WalletEndpoints
{
    private const string Warning = "Demo only: the server has seen this private key. Do not use it for real funds; sign on your own machine (see docs/chain.md).";

    public static RouteGroupBuilder MapWalletEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/wallets").WithTags("Wallets (demo)").AllowAnonymous().WithBodyLimit(BodyLimits.Json)
            .ProducesErrors(StatusCodes.Status400BadRequest);
        group.MapPost("/", Create).WithName("CreateWallet")
            .WithExample(new WalletCreated("ed796d7cbb56bd305c4413182e83823b280786c7",
                "0493395a91a106ef0231074cf36611eb1eb7715590ef53771cdf7bc08839014f32cce058a875392079dd7c4fbbf8def4425062b4c4895341b0a7072d7cdca432e4",
                "802fe5acf90cf82a098925c1a6e76049de463a2e884caf103e2b537de7b3acea", Warning))
            .WithSummary("Creates a demo key pair")
            .WithDescription("A P-256 key pair and its address, made by the server: the server has seen the key, so not for real funds.");
        group.MapPost("/sign", Sign).WithName("SignTransaction")
            .WithExample(new SignRequest("802fe5acf90cf82a098925c1a6e76049de463a2e884caf103e2b537de7b3acea", null, "00112233445566778899aabbccddeeff00112233", 150_000_000, 1_000, 0,
                "join:3f9a0c1e5b7d2468:zhangsan"))
            .WithSummary("Signs a transfer with a given private key")
            .WithDescription("Demo only: returns a signed transaction ready for POST /api/nodes/{node}/transactions, with the optional memo signed in (400 tx_memo if it is not 1-64 bytes of UTF-8 without control characters). Sign on your own machine for real funds (docs/chain.md).");
        return group;
    }

    private static Created<WalletCreated> Create()
    {
        var (privateKey, publicKey) = TransactionSigner.CreateKeyPair();
        var address = Address.FromPublicKey(publicKey);
        return TypedResults.Created(ResourcePaths.Wallet(address),
            new WalletCreated(address, Convert.ToHexStringLower(publicKey), Convert.ToHexStringLower(privateKey), Warning));
    }

    private static Ok<SignedTransaction> Sign(SignRequest body, IOptions<ChainOptions> chain)
    {
        RequiredFields.Check(("private_key", body.PrivateKey), ("to", body.To), ("amount", body.Amount), ("nonce", body.Nonce));
        if (!Address.IsValid(body.To))
            throw DomainException.Invalid(ErrorCodes.BadAddress, "to must be 40 lower-case hex digits");
        if (TransactionMemo.ProblemOf(body.Memo) is { } badMemo)
            throw DomainException.Invalid(ErrorCodes.TxMemo, badMemo);
        byte[] key;
        try
        {
            key = Convert.FromHexString(body.PrivateKey!);
        }
        catch (FormatException)
        {
            throw DomainException.Invalid(ErrorCodes.BadPrivateKey, "private_key must be 64 hex digits");
        }

        try
        {
            var tx = TransactionSigner.Sign(body.ChainId ?? chain.Value.NetworkId, body.To!, body.Amount!.Value, body.Fee ?? 0, body.Nonce!.Value, key, body.Memo);
            return TypedResults.Ok(new SignedTransaction(tx.Id.ToString(), ChainViews.ToData(tx), Warning));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw DomainException.Invalid(ErrorCodes.BadPrivateKey, "private_key must be a P-256 private key: 64 hex digits");
        }
    }
}
