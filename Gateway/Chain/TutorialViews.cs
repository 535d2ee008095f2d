using System.Text.Json.Serialization;
using Grains.Interfaces.Chain;

namespace Gateway.Chain;

/// <summary>A block in the tutorial's shape (index counts from 1 at genesis; proof is the nonce), with the header fields this chain adds.</summary>
public sealed record TutorialBlock(
    [property: JsonPropertyName("index")] long Index,
    [property: JsonPropertyName("height")] long Height,
    [property: JsonPropertyName("timestamp")] double Timestamp,
    [property: JsonPropertyName("timestamp_ms")] long TimestampMs,
    [property: JsonPropertyName("transactions")] IReadOnlyList<TutorialTransaction> Transactions,
    [property: JsonPropertyName("proof")] ulong Proof,
    [property: JsonPropertyName("previous_hash")] string PreviousHash,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("merkle_root")] string MerkleRoot,
    [property: JsonPropertyName("bits")] string Bits)
{
    public static TutorialBlock From(BlockInfo b) => new(b.Height + 1, b.Height, b.TimestampMs / 1000.0, b.TimestampMs,
        b.Transactions.Select(TutorialTransaction.From).ToArray(), b.Nonce, b.PreviousHash, b.Hash, b.MerkleRoot, b.Bits);
}

/// <summary>
/// A transaction in the tutorial's shape: the coinbase's sender is "0" and amounts are coins (12.5) as in the
/// tutorial; the exact integer units are beside them.
/// </summary>
public sealed record TutorialTransaction(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("recipient")] string Recipient,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("fee")] decimal Fee,
    [property: JsonPropertyName("amount_units")] long AmountUnits,
    [property: JsonPropertyName("fee_units")] long FeeUnits,
    [property: JsonPropertyName("nonce")] long Nonce)
{
    public static TutorialTransaction From(TransactionInfo t) => new(t.Id, t.IsCoinbase ? "0" : t.Data.From, t.Data.To,
        Coins.ToCoins(t.Data.Amount), Coins.ToCoins(t.Data.Fee), t.Data.Amount, t.Data.Fee, t.Data.Nonce);
}

public sealed record TutorialMined(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("index")] long Index,
    [property: JsonPropertyName("transactions")] IReadOnlyList<TutorialTransaction> Transactions,
    [property: JsonPropertyName("proof")] ulong Proof,
    [property: JsonPropertyName("previous_hash")] string PreviousHash,
    [property: JsonPropertyName("hash")] string Hash);

public sealed record TutorialChain(
    [property: JsonPropertyName("chain")] IReadOnlyList<TutorialBlock> Chain,
    [property: JsonPropertyName("length")] long Length);

public sealed record TutorialMessage([property: JsonPropertyName("message")] string Message, [property: JsonPropertyName("id")] string? Id = null);

public sealed record TutorialNodesAdded(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("total_nodes")] IReadOnlyList<string> TotalNodes);

public sealed record TutorialResolved(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("new_chain"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TutorialBlock>? NewChain,
    [property: JsonPropertyName("chain"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TutorialBlock>? Chain);
