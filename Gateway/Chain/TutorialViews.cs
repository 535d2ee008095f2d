using System.Text.Json.Serialization;
using Grains.Interfaces.Chain;

namespace Gateway.Chain;

/// <summary>A block in the tutorial's shape (index counts from 1 at genesis; proof is the nonce), with the header fields this chain adds.</summary>
public sealed record TutorialBlock(
    long Index,
    long Height,
    double Timestamp,
    long TimestampMs,
    IReadOnlyList<TutorialTransaction> Transactions,
    ulong Proof,
    string PreviousHash,
    string Hash,
    string MerkleRoot,
    string Bits)
{
    public static TutorialBlock From(BlockInfo b) => new(b.Height + 1, b.Height, b.TimestampMs / 1000.0, b.TimestampMs,
        b.Transactions.Select(TutorialTransaction.From).ToArray(), b.Nonce, b.PreviousHash, b.Hash, b.MerkleRoot, b.Bits);
}

/// <summary>
/// A transaction in the tutorial's shape: the coinbase's sender is "0" and amounts are coins (12.5) as in the
/// tutorial; the exact integer units are beside them. The memo is shown when there is one.
/// </summary>
public sealed record TutorialTransaction(
    string Id,
    string Sender,
    string Recipient,
    decimal Amount,
    decimal Fee,
    long AmountUnits,
    long FeeUnits,
    long Nonce,
    string? Memo = null)
{
    public static TutorialTransaction From(TransactionInfo t) => new(t.Id, t.IsCoinbase ? "0" : t.Data.From, t.Data.To,
        Coins.ToCoins(t.Data.Amount), Coins.ToCoins(t.Data.Fee), t.Data.Amount, t.Data.Fee, t.Data.Nonce, t.Data.Memo);
}

public sealed record TutorialMined(
    string Message,
    long Index,
    IReadOnlyList<TutorialTransaction> Transactions,
    ulong Proof,
    string PreviousHash,
    string Hash);

public sealed record TutorialChain(
    IReadOnlyList<TutorialBlock> Chain,
    long Length);

public sealed record TutorialMessage(string Message, string? Id = null);

public sealed record TutorialNodesAdded(
    string Message,
    IReadOnlyList<string> TotalNodes);

/// <summary>The tutorial's resolve answer: <c>new_chain</c> when ours was replaced, else <c>chain</c>; never both.</summary>
public sealed record TutorialResolved(string Message)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TutorialBlock>? NewChain { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TutorialBlock>? Chain { get; init; }
}
