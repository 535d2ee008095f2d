using System.Text.Json.Serialization;
using Grains.Interfaces.Chain;

namespace Gateway.Chain;

/// <summary>A signed transaction as posted to <c>/api/nodes/{node}/transactions</c>; fee defaults to 0 and chainId to the network.</summary>
public sealed record TransactionRequest(string? ChainId, string? From, string? To, long? Amount, long? Fee, long? Nonce, string? PublicKey, string? Signature);

public sealed record MineRequest(string? MinerAddress);

public sealed record MiningRequest(bool? Enabled);

public sealed record PeersRequest(IReadOnlyList<string>? Peers, IReadOnlyList<string>? Nodes);

public sealed record SignRequest(string? PrivateKey, string? ChainId, string? To, long? Amount, long? Fee, long? Nonce);

/// <summary>
/// The tutorial's transaction body (sender, recipient, amount in coins), plus what a signed transfer needs. Without
/// nonce, public key and signature, the sender must be the node itself (its name or its wallet address).
/// </summary>
public sealed record TutorialTransactionRequest(
    [property: JsonPropertyName("sender")] string? Sender,
    [property: JsonPropertyName("recipient")] string? Recipient,
    [property: JsonPropertyName("amount")] decimal? Amount,
    [property: JsonPropertyName("fee")] decimal? Fee,
    [property: JsonPropertyName("nonce")] long? Nonce,
    [property: JsonPropertyName("public_key")] string? PublicKey,
    [property: JsonPropertyName("signature")] string? Signature,
    [property: JsonPropertyName("chain_id")] string? ChainId);

public sealed record TutorialNodesRequest([property: JsonPropertyName("nodes")] IReadOnlyList<string>? Nodes);

public sealed record WalletCreated(string Address, string PublicKey, string PrivateKey, string Warning);

public sealed record SignedTransaction(string Id, TransactionData Transaction, string Warning);

public sealed record AccountView(string Address, long ConfirmedBalance, long SpendableBalance, long ImmatureBalance, long PendingBalance, long NextNonce,
    string ConfirmedCoins, string SpendableCoins, string PendingCoins)
{
    public static AccountView From(AccountInfo a) => new(a.Address, a.ConfirmedBalance, a.SpendableBalance, a.ImmatureBalance, a.PendingBalance, a.NextNonce,
        Coins.Format(a.ConfirmedBalance), Coins.Format(a.SpendableBalance), Coins.Format(a.PendingBalance));
}
