using System.Collections.Concurrent;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Errors;

namespace Grains.Chain.Consensus;

/// <summary>
/// The rules every block meets, whether mined here, gossiped or pulled by resolve. Each rule has a
/// stable code; <see cref="Validate"/> throws <see cref="RuleViolationException"/> for the first broken
/// one and otherwise returns the ledger after the block. It changes nothing.
/// </summary>
public sealed class BlockValidator(ChainParameters parameters)
{
    public const string Malformed = ErrorCodes.BlockMalformed;
    public const string Version = ErrorCodes.BlockVersion;
    public const string Link = ErrorCodes.PrevLink;
    public const string Proof = ErrorCodes.ProofOfWork;
    public const string Difficulty = ErrorCodes.Difficulty;
    public const string Merkle = ErrorCodes.MerkleRoot;
    public const string TimestampMedian = ErrorCodes.TimestampMedian;
    public const string TimestampFuture = ErrorCodes.TimestampFuture;
    public const string Coinbase = ErrorCodes.Coinbase;
    public const string CoinbaseAmount = ErrorCodes.CoinbaseAmount;
    public const string Transactions = ErrorCodes.Transaction;
    public const string Size = ErrorCodes.BlockSize;

    /// <summary>Blocks with at least this many transactions check signatures on all cores.</summary>
    private const int ParallelSignatureThreshold = 32;

    public ChainParameters Parameters => parameters;

    public Ledger Validate(Block block, ParentContext parent, long nowMs)
    {
        var header = block.Header;
        if (block.Size > parameters.MaxBlockBytes)
            Fail(Size, $"block is {block.Size} bytes, the cap is {parameters.MaxBlockBytes}");
        if (header.Version != BlockHeader.CurrentVersion)
            Fail(Version, $"header version {header.Version} is not {BlockHeader.CurrentVersion}");
        if (header.PreviousHash != parent.Hash || header.Height != parent.Height + 1)
            Fail(Link, $"block claims parent {header.PreviousHash} at height {header.Height - 1}, but its parent is {parent.Hash} at height {parent.Height}");
        if (!ProofOfWork.Meets(block.Hash, header.Bits))
            Fail(Proof, $"hash {block.Hash} is above the target 0x{header.Bits:x8}");
        if (header.Bits != parent.ExpectedBits)
            Fail(Difficulty, $"target 0x{header.Bits:x8} is not the expected 0x{parent.ExpectedBits:x8}");
        var median = MedianOf(parent.RecentTimestamps);
        if (header.TimestampMs <= median)
            Fail(TimestampMedian, $"timestamp {header.TimestampMs} is not after the median {median} of the last {parent.RecentTimestamps.Count} blocks");
        if (header.TimestampMs > nowMs + parameters.MaxFutureMs)
            Fail(TimestampFuture, $"timestamp {header.TimestampMs} is more than {parameters.MaxFutureMs} ms ahead of this node's clock");
        if (block.ComputeMerkleRoot() != header.MerkleRoot)
            Fail(Merkle, "merkle root does not match the transactions");

        var transactions = block.Transactions;
        if (transactions.Count == 0 || !transactions[0].IsCoinbase)
            Fail(Coinbase, "the first transaction must be the coinbase");
        for (var i = 1; i < transactions.Count; i++)
        {
            if (transactions[i].IsCoinbase || transactions[i].From == Address.Coinbase)
                Fail(Coinbase, $"transaction {i} is a second coinbase; only the first may be one");
        }

        var coinbase = transactions[0];
        if (coinbase.ChainId != parameters.NetworkId || coinbase.Nonce != header.Height || coinbase.Fee != 0
            || coinbase.Signature.Length != 0 || coinbase.Memo is not null || coinbase.Amount < 0 || !Address.IsValid(coinbase.To))
            Fail(Coinbase, "the coinbase must name this network, carry the block height as nonce, no fee, no signature and no memo");

        CheckSignatures(transactions);

        var ledger = parent.Ledger.ToBuilder(header.Height);
        var fees = 0L;
        for (var i = 1; i < transactions.Count; i++)
        {
            var tx = transactions[i];
            var sender = ledger[tx.From];
            var violation = TransactionRules.CheckAgainst(tx, sender, sender.Nonce, sender.SpendableAt(header.Height, parameters.Maturity));
            if (violation is not null)
                Fail(Transactions, $"transaction {i} ({tx.Id}): {violation}");
            ledger.ApplyTransfer(tx);
            fees += tx.Fee;
        }

        var allowed = parameters.BlockReward + fees;
        if (coinbase.Amount > allowed)
            Fail(CoinbaseAmount, $"coinbase pays {coinbase.Amount}, more than reward {parameters.BlockReward} plus fees {fees}");
        ledger.ApplyCoinbase(coinbase, parameters.Maturity);
        return ledger.ToLedger();
    }

    /// <summary>Median of the given timestamps (the lower middle for an even count); long.MinValue if none.</summary>
    public static long MedianOf(IReadOnlyList<long> timestamps)
    {
        if (timestamps.Count == 0)
            return long.MinValue;
        var sorted = timestamps.Order().ToArray();
        return sorted[(sorted.Length - 1) / 2];
    }

    private void CheckSignatures(IReadOnlyList<Transaction> transactions)
    {
        if (transactions.Count < ParallelSignatureThreshold)
        {
            for (var i = 1; i < transactions.Count; i++)
            {
                if (TransactionRules.CheckStateless(transactions[i], parameters.NetworkId) is { } violation)
                    Fail(Transactions, $"transaction {i} ({transactions[i].Id}): {violation}");
            }

            return;
        }

        // Signature checks are independent of each other and of the ledger: spread them over the cores.
        var failures = new ConcurrentBag<(int Index, RuleViolation Violation)>();
        Parallel.For(1, transactions.Count, i =>
        {
            if (TransactionRules.CheckStateless(transactions[i], parameters.NetworkId) is { } violation)
                failures.Add((i, violation));
        });
        if (!failures.IsEmpty)
        {
            var (index, violation) = failures.MinBy(f => f.Index);
            Fail(Transactions, $"transaction {index} ({transactions[index].Id}): {violation}");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string code, string message) => throw new RuleViolationException(new RuleViolation(code, message));
}
