using System.Diagnostics;
using Grains.Chain;
using Grains.Chain.Consensus;
using Grains.Chain.Mining;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Load.Foundation;

namespace Load.Chain;

/// <summary>
/// Transactions validated per second in a full block (1 MB cap, ~4,600 signed transfers): the node's
/// validator (signatures on all cores, then the ledger in order), and the same checks on one core.
/// </summary>
public static class ValidationBenchmark
{
    public static Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var parameters = new ChainParameters(new ChainOptions
        {
            NetworkId = "bench-net",
            InitialBits = "207fffff",
            CoinbaseMaturity = 0,
            BlockReward = 1_000_000_000_000_000,
        });
        var tree = new BlockTree(parameters);
        var (privateKey, publicKey) = TransactionSigner.CreateKeyPair();
        var sender = Address.FromPublicKey(publicKey);
        var funded = Mine(tree, tree.Genesis, [], sender);
        tree.Add(funded, tree.Validate(funded, NowMs(funded)));
        var parent = tree.Find(funded.Hash)!;

        Console.WriteLine("chain-validate: preparing a full block of transfers from distinct senders...");
        var recipient = Address.ForLabel("bench-recipient");
        var wallets = new List<byte[]>();
        var payouts = new List<Transaction>();
        var budget = parameters.MaxBlockBytes - BlockHeader.Size - 4 - 200;
        for (var nonce = 0L; ; nonce++)
        {
            var (walletKey, walletPublic) = TransactionSigner.CreateKeyPair();
            var payout = TransactionSigner.Sign(parameters.NetworkId, Address.FromPublicKey(walletPublic), 1_000_000, 10, nonce, privateKey);
            if (payout.EncodedSize > budget)
                break;
            budget -= payout.EncodedSize;
            payouts.Add(payout);
            wallets.Add(walletKey);
        }

        var paid = Mine(tree, parent, payouts, sender);
        tree.Add(paid, tree.Validate(paid, NowMs(paid)));
        parent = tree.Find(paid.Hash)!;
        var transactions = wallets.Select(k => TransactionSigner.Sign(parameters.NetworkId, recipient, 500_000, 10, 0, k)).ToList();
        var block = Mine(tree, parent, transactions, sender);
        var context = tree.ContextFor(parent);
        var now = NowMs(block);
        Console.WriteLine($"  block: {block.Size:N0} bytes, {transactions.Count:N0} transfers from {transactions.Count:N0} senders, {Environment.ProcessorCount} cores, engine {NonceSearch.Engine}");

        var coldAll = Times(rounds, () =>
        {
            SignatureCache.Clear();
            tree.Validator.Validate(block, context, now);
        });
        var coldOne = Times(rounds, () =>
        {
            SignatureCache.Clear();
            foreach (var tx in transactions)
            {
                if (TransactionRules.CheckStateless(tx, parameters.NetworkId) is not null)
                    throw new InvalidOperationException("benchmark transaction refused");
            }

            var ledger = context.Ledger.ToBuilder(block.Height);
            foreach (var tx in transactions)
                ledger.ApplyTransfer(tx);
        });
        var warm = Times(rounds, () => tree.Validator.Validate(block, context, now));

        Console.WriteLine($"  median of {rounds} rounds (min–max), transactions validated per second:");
        Spread.Print("full block, signatures verified on all cores", coldAll.Select(t => transactions.Count / t.TotalSeconds), "N0", nameWidth: 52);
        Spread.Print("full block, signatures verified on one core", coldOne.Select(t => transactions.Count / t.TotalSeconds), "N0", nameWidth: 52);
        Spread.Print("full block, signatures already seen in the mempool", warm.Select(t => transactions.Count / t.TotalSeconds), "N0", nameWidth: 52);
        return Task.CompletedTask;
    }

    private static List<TimeSpan> Times(int rounds, Action work)
    {
        var times = new List<TimeSpan>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            work();
            times.Add(watch.Elapsed);
        }

        return times;
    }

    private static long NowMs(Block block) => block.Header.TimestampMs + 1_000;

    private static Block Mine(BlockTree tree, BlockEntry parent, IReadOnlyList<Transaction> transactions, string miner)
    {
        var context = tree.ContextFor(parent);
        var fees = transactions.Sum(t => t.Fee);
        Transaction[] all = [Transaction.Coinbase(tree.Parameters.NetworkId, miner, tree.Parameters.BlockReward + fees, parent.Height + 1), .. transactions];
        var header = new BlockHeader(BlockHeader.CurrentVersion, parent.Height + 1, parent.Hash, MerkleTree.Root(all.Select(t => t.Id).ToArray()),
            BlockValidator.MedianOf(context.RecentTimestamps) + 1, context.ExpectedBits, 0);
        var found = Miner.FindProofAsync(header, 1, CancellationToken.None).GetAwaiter().GetResult()!.Value;
        return new Block(found, all);
    }
}
