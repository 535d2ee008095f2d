using Grains.Chain;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;

namespace Grains.Tests.Chain;

[Collection(ChainClusterCollection.Name)]
public sealed class ChainNodeClusterTests(ChainClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private IChainNodeGrain Node(string id) => fixture.Client.GetGrain<IChainNodeGrain>(id);

    private static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    private static TransactionData Sign((byte[] PrivateKey, string Address) from, string to, long amount, long fee, long nonce, string? memo = null) =>
        ChainViews.ToData(TransactionSigner.Sign(ChainClusterFixture.Network, to, amount, fee, nonce, from.PrivateKey, memo));

    [Fact]
    public async Task Five_nodes_converge_on_one_tip_after_concurrent_mining()
    {
        var ids = Enumerable.Range(0, 5).Select(i => Unique($"mesh{i}")).ToArray();
        foreach (var id in ids)
            await Node(id).EnsureCreatedAsync(ChainTestKit.Owner);
        foreach (var id in ids)
            await Node(id).AddPeersAsync(ids.Where(p => p != id).ToArray());

        await Task.WhenAll(ids.Select(async id =>
        {
            for (var i = 0; i < 4; i++)
                await Node(id).MineAsync(null);
        }));

        // Equal-work forks keep the first block each node saw; one more block on the heaviest tip settles them.
        string? agreed = null;
        for (var round = 0; round < 10 && agreed is null; round++)
        {
            var summaries = await Task.WhenAll(ids.Select(id => Node(id).GetSummaryAsync()));
            var heaviest = summaries.MaxBy(s => System.Numerics.BigInteger.Parse(s.CumulativeWork, System.Globalization.CultureInfo.InvariantCulture))!;
            var block = await Node(heaviest.NodeId).MineAsync(null);
            if (await Eventually(async () => (await Task.WhenAll(ids.Select(id => Node(id).GetTipAsync()))).All(t => t.Hash == block.Hash), TimeSpan.FromSeconds(10)))
                agreed = block.Hash;
        }

        Assert.NotNull(agreed);
        var chains = await Task.WhenAll(ids.Select(id => Node(id).GetChainAsync(0, 1_000)));
        Assert.All(chains, c => Assert.Equal(chains[0].Blocks.Select(b => b.Hash), c.Blocks.Select(b => b.Hash)));
        Assert.True(chains[0].Length >= 6);
    }

    [Fact]
    public async Task A_reorganisation_puts_the_abandoned_blocks_transactions_back_in_the_mempool()
    {
        var (a, b) = (Node(Unique("reorg-a")), Node(Unique("reorg-b")));
        var (aId, bId) = (a.GetPrimaryKeyString(), b.GetPrimaryKeyString());
        var wallet = ChainTestKit.NewWallet();
        await a.EnsureCreatedAsync(ChainTestKit.Owner);
        await b.EnsureCreatedAsync(ChainTestKit.Owner);
        await a.MineAsync(wallet.Address);
        await a.MineAsync(null);
        await b.AddPeersAsync([aId]);
        Assert.True((await b.ResolveAsync()).Replaced); // shared prefix: the wallet is funded on both

        var tx = await a.SubmitTransactionAsync(Sign(wallet, Address.ForLabel("shop"), 1_000, 5, 0));
        var withTx = await a.MineAsync(null);
        Assert.Contains(withTx.Transactions, t => t.Id == tx.Status.Id);
        await b.MineAsync(null);
        await b.MineAsync(null);

        // b gossips its blocks to a (a is b's peer); resolve pulls whatever gossip has not delivered yet.
        await a.AddPeersAsync([bId]);
        var resolved = await a.ResolveAsync();

        Assert.Equal((await b.GetTipAsync()).Hash, resolved.TipHash);
        Assert.DoesNotContain((await a.GetChainAsync(0, 100)).Blocks, block => block.Hash == withTx.Hash);
        Assert.Equal(TransactionStatus.Pending, (await a.GetTransactionAsync(tx.Status.Id)).Status);
        Assert.Contains(await a.GetMempoolAsync(), t => t.Id == tx.Status.Id);
        var next = await a.MineAsync(null);
        Assert.Contains(next.Transactions, t => t.Id == tx.Status.Id);
    }

    [Fact]
    public async Task A_double_spend_in_two_competing_branches_leaves_exactly_one()
    {
        var (a, b) = (Node(Unique("ds-a")), Node(Unique("ds-b")));
        var (aId, bId) = (a.GetPrimaryKeyString(), b.GetPrimaryKeyString());
        var wallet = ChainTestKit.NewWallet();
        await a.EnsureCreatedAsync(ChainTestKit.Owner);
        await b.EnsureCreatedAsync(ChainTestKit.Owner);
        await a.MineAsync(wallet.Address);
        await a.MineAsync(null);
        await b.AddPeersAsync([aId]);
        await b.ResolveAsync();

        var reward = 1_250_000_000L;
        var toShop = await a.SubmitTransactionAsync(Sign(wallet, Address.ForLabel("shop"), reward - 10, 10, 0));
        var toFriend = await b.SubmitTransactionAsync(Sign(wallet, Address.ForLabel("friend"), reward - 10, 10, 0));
        await a.MineAsync(null);
        await b.MineAsync(null);
        await b.MineAsync(null);

        await a.AddPeersAsync([bId]);
        await b.AddPeersAsync([aId]);
        await a.ResolveAsync();
        await b.ResolveAsync();

        foreach (var node in new[] { a, b })
        {
            var chain = await node.GetChainAsync(0, 1_000);
            var spends = chain.Blocks.SelectMany(block => block.Transactions).Where(t => t.Data.From == wallet.Address).ToList();
            Assert.Single(spends);
            Assert.Equal(toFriend.Status.Id, spends[0].Id);
            Assert.DoesNotContain(await node.GetMempoolAsync(), t => t.Id == toShop.Status.Id);
            var account = await node.GetAccountAsync(wallet.Address);
            Assert.Equal(1, account.NextNonce);
            Assert.Equal(0, account.ConfirmedBalance);
            Assert.Equal(0, (await node.GetAccountAsync(Address.ForLabel("shop"))).ConfirmedBalance);
        }
    }

    [Fact]
    public async Task Resubmitting_the_same_transaction_is_idempotent_and_a_replay_is_refused()
    {
        var node = Node(Unique("idem"));
        var wallet = ChainTestKit.NewWallet();
        await node.EnsureCreatedAsync(ChainTestKit.Owner);
        await node.MineAsync(wallet.Address);
        await node.MineAsync(null);
        var tx = Sign(wallet, Address.ForLabel("shop"), 500, 1, 0);

        var first = await node.SubmitTransactionAsync(tx);
        var again = await node.SubmitTransactionAsync(tx);
        Assert.False(first.AlreadyKnown);
        Assert.True(again.AlreadyKnown);
        Assert.Equal(first.Status.Id, again.Status.Id);
        Assert.Single(await node.GetMempoolAsync());

        await node.MineAsync(null);
        Assert.True((await node.SubmitTransactionAsync(tx)).AlreadyKnown);
        var replay = await Assert.ThrowsAsync<DomainException>(() => node.SubmitTransactionAsync(Sign(wallet, Address.ForLabel("shop"), 500, 1, 0)));
        Assert.Equal(TransactionRules.Replay, replay.Code);
        var status = await node.GetTransactionAsync(first.Status.Id);
        Assert.Equal(TransactionStatus.Confirmed, status.Status);
        Assert.Equal(3, status.Height);
        Assert.Equal(1, status.Confirmations);
    }

    [Fact]
    public async Task New_transactions_and_blocks_gossip_to_peers()
    {
        var (a, b) = (Node(Unique("gossip-a")), Node(Unique("gossip-b")));
        var wallet = ChainTestKit.NewWallet();
        await a.EnsureCreatedAsync(ChainTestKit.Owner);
        await b.EnsureCreatedAsync(ChainTestKit.Owner);
        await a.AddPeersAsync([b.GetPrimaryKeyString()]);
        await b.AddPeersAsync([a.GetPrimaryKeyString()]);
        await a.MineAsync(wallet.Address);
        var tip = await a.MineAsync(null);
        Assert.True(await Eventually(async () => (await b.GetTipAsync()).Hash == tip.Hash, Patience));

        var tx = await b.SubmitTransactionAsync(Sign(wallet, Address.ForLabel("shop"), 7, 0, 0));
        Assert.True(await Eventually(async () => (await a.GetMempoolAsync()).Any(t => t.Id == tx.Status.Id), Patience));
    }

    [Fact]
    public async Task A_node_that_hears_of_a_block_without_its_parent_fetches_the_missing_ancestors_from_the_sender()
    {
        var (a, b) = (Node(Unique("ahead")), Node(Unique("behind")));
        await a.EnsureCreatedAsync(ChainTestKit.Owner);
        await b.EnsureCreatedAsync(ChainTestKit.Owner);
        for (var i = 0; i < 5; i++)
            await a.MineAsync(null);
        Assert.Equal(0, (await b.GetTipAsync()).Height);

        await a.AddPeersAsync([b.GetPrimaryKeyString()]);
        var sixth = await a.MineAsync(null);

        Assert.True(await Eventually(async () => (await b.GetTipAsync()).Hash == sixth.Hash, Patience));
        Assert.Equal((await a.GetChainAsync(0, 100)).Blocks.Select(x => x.Hash), (await b.GetChainAsync(0, 100)).Blocks.Select(x => x.Hash));
    }

    [Fact]
    public async Task A_node_refuses_fees_below_its_minimum()
    {
        var node = Node(Unique("picky"));
        var wallet = ChainTestKit.NewWallet();
        await node.EnsureCreatedAsync(ChainTestKit.Owner);
        await node.MineAsync(wallet.Address);
        await node.MineAsync(null);
        await node.UpdateSettingsAsync(ChainTestKit.Owner, new NodeSettings(null, MinFee: 100));

        var cheap = await Assert.ThrowsAsync<DomainException>(() => node.SubmitTransactionAsync(Sign(wallet, Address.ForLabel("shop"), 5, 99, 0)));
        Assert.Equal(TransactionRules.Fee, cheap.Code);
        Assert.False((await node.SubmitTransactionAsync(Sign(wallet, Address.ForLabel("shop"), 5, 100, 0))).AlreadyKnown);
    }

    [Fact]
    public async Task A_peer_that_keeps_sending_invalid_blocks_is_ignored_and_changes_nothing()
    {
        var node = Node(Unique("victim"));
        var liar = Node(Unique("liar"));
        await node.EnsureCreatedAsync(ChainTestKit.Owner);
        await liar.EnsureCreatedAsync(ChainTestKit.Owner);
        await node.AddPeersAsync([liar.GetPrimaryKeyString()]);
        var before = await node.GetSummaryAsync();

        var kit = new ChainTestKit(ChainClusterFixture.Configure);
        var genesis = kit.Tree.Genesis;
        var liarId = liar.GetPrimaryKeyString();
        for (var i = 0; i < 3; i++)
            await node.AnnounceBlockAsync(kit.Make(genesis, coinbaseAmount: 1_250_000_001L + i).Encode(), liarId);
        Assert.True(await Eventually(async () => (await node.GetSummaryAsync()).Peers.Single().IgnoredUntil is not null, Patience));

        // Even a valid block is ignored while the ban lasts.
        var valid = kit.Make(genesis);
        await node.AnnounceBlockAsync(valid.Encode(), liarId);
        await Task.Delay(300);
        var after = await node.GetSummaryAsync();
        Assert.Equal(before.TipHash, after.TipHash);
        Assert.Equal(1, after.KnownBlocks);

        // The same block from anyone else is taken: it was the sender that was ignored, not the block.
        await node.AnnounceBlockAsync(valid.Encode(), Unique("honest"));
        Assert.True(await Eventually(async () => (await node.GetTipAsync()).Hash == valid.Hash.ToString(), Patience));
    }

    [Fact]
    public async Task Peers_must_be_existing_nodes_other_than_the_node_itself()
    {
        var node = Node(Unique("lonely"));
        var id = node.GetPrimaryKeyString();
        Assert.Equal("unknown_node", (await Assert.ThrowsAsync<DomainException>(() => node.AddPeersAsync([id]))).Code);
        await node.EnsureCreatedAsync(ChainTestKit.Owner);
        Assert.Equal("peer_self", (await Assert.ThrowsAsync<DomainException>(() => node.AddPeersAsync([id]))).Code);
        Assert.Equal("peer_unknown", (await Assert.ThrowsAsync<DomainException>(() => node.AddPeersAsync([Unique("nobody")]))).Code);
        Assert.Equal("unknown_node", (await Assert.ThrowsAsync<DomainException>(() => Node(Unique("never")).GetSummaryAsync())).Code);
    }

    [Fact]
    public async Task Continuous_mining_switch_starts_and_stops_the_background_miner()
    {
        var node = Node(Unique("steady"));
        await node.EnsureCreatedAsync(ChainTestKit.Owner);
        await node.SetMiningAsync(ChainTestKit.Owner, true);
        Assert.True(await Eventually(async () => (await node.GetSummaryAsync()).Height >= 3, Patience));
        await node.SetMiningAsync(ChainTestKit.Owner, false);
        var stopped = (await node.GetSummaryAsync()).Height;
        await Task.Delay(300);
        Assert.InRange((await node.GetSummaryAsync()).Height, stopped, stopped + 1);
        Assert.False((await node.GetSummaryAsync()).ContinuousMining);
    }

    [Fact]
    public async Task Only_the_owner_changes_settings_and_the_mining_switch()
    {
        var node = Node(Unique("owned"));
        Assert.Equal("unknown_node", (await Assert.ThrowsAsync<DomainException>(() => node.MineAsync(null))).Code);
        var created = await node.EnsureCreatedAsync(ChainTestKit.Owner);
        Assert.Equal(ChainTestKit.Owner, created.OwnerId);
        Assert.Equal(ChainTestKit.Owner, (await node.EnsureCreatedAsync("someone-else")).OwnerId);
        Assert.Equal(created.WalletAddress, created.RewardAddress);

        var stranger = await Assert.ThrowsAsync<DomainException>(() => node.UpdateSettingsAsync("someone-else", new NodeSettings(Address.ForLabel("thief"), MinFee: long.MaxValue)));
        Assert.Equal("not_node_owner", stranger.Code);
        Assert.Equal("not_node_owner", (await Assert.ThrowsAsync<DomainException>(() => node.SetMiningAsync("someone-else", true))).Code);
        var after = await node.GetSummaryAsync();
        Assert.Equal(created.RewardAddress, after.RewardAddress);
        Assert.Equal(0, after.MinFee);
        Assert.False(after.ContinuousMining);

        Assert.Equal(7, (await node.UpdateSettingsAsync(ChainTestKit.Owner, new NodeSettings(null, MinFee: 7))).MinFee);
    }

    [Fact]
    public async Task A_node_signs_transfers_from_its_own_wallet_with_its_next_nonce_and_minimum_fee()
    {
        var node = Node(Unique("wallet"));
        var shop = Address.ForLabel("shop");
        var summary = await node.EnsureCreatedAsync(ChainTestKit.Owner);
        await node.UpdateSettingsAsync(ChainTestKit.Owner, new NodeSettings(null, MinFee: 3));
        await node.MineAsync(null);
        await node.MineAsync(null);

        var first = await node.SendFromWalletAsync(shop, 1_000, fee: null);
        var second = await node.SendFromWalletAsync(shop, 2_000, fee: 10);
        Assert.Equal(summary.WalletAddress, first.Status.Data.From);
        Assert.Equal([0L, 1L], [first.Status.Data.Nonce, second.Status.Data.Nonce]);
        Assert.Equal([3L, 10L], [first.Status.Data.Fee, second.Status.Data.Fee]);
        Assert.Equal("tx_recipient", (await Assert.ThrowsAsync<DomainException>(() => node.SendFromWalletAsync(Address.Coinbase, 1, null))).Code);

        await node.MineAsync(null);
        Assert.Equal(3_000, (await node.GetAccountAsync(shop)).ConfirmedBalance);
    }

    [Fact]
    public async Task A_transaction_with_a_memo_is_accepted_mined_and_shown_with_its_memo()
    {
        var node = Node(Unique("memo"));
        var wallet = ChainTestKit.NewWallet();
        var shop = Address.ForLabel("shop");
        await node.EnsureCreatedAsync(ChainTestKit.Owner);
        await node.MineAsync(wallet.Address);
        await node.MineAsync(null);

        const string memo = "join:3f9a0c1e5b7d2468:张三";
        var submitted = await node.SubmitTransactionAsync(Sign(wallet, shop, 1_000, 5, 0, memo));
        Assert.Equal(memo, submitted.Status.Data.Memo);
        Assert.Equal(memo, Assert.Single(await node.GetMempoolAsync()).Data.Memo);
        var plain = await node.SubmitTransactionAsync(Sign(wallet, shop, 2_000, 5, 1));
        Assert.Null(plain.Status.Data.Memo);

        var block = await node.MineAsync(null);
        Assert.Equal([memo, null], block.Transactions.Skip(1).Select(t => t.Data.Memo));
        var confirmed = await node.GetTransactionAsync(submitted.Status.Id);
        Assert.Equal((TransactionStatus.Confirmed, memo), (confirmed.Status, confirmed.Data.Memo));
        Assert.Equal(memo, (await node.GetBlockAsync(block.Hash)).Transactions[1].Data.Memo);
        Assert.Equal(3_000, (await node.GetAccountAsync(shop)).ConfirmedBalance);
    }

    [Fact]
    public async Task A_memo_is_refused_with_tx_memo_when_malformed_and_with_tx_signature_when_changed_after_signing()
    {
        var node = Node(Unique("badmemo"));
        var wallet = ChainTestKit.NewWallet();
        await node.EnsureCreatedAsync(ChainTestKit.Owner);
        await node.MineAsync(wallet.Address);
        await node.MineAsync(null);

        var signed = Sign(wallet, Address.ForLabel("shop"), 1_000, 5, 0, "tip:3f9a0c1e5b7d2468:9:lisi");
        var tooLong = await Assert.ThrowsAsync<DomainException>(() => node.SubmitTransactionAsync(signed with { Memo = new string('x', 65) }));
        Assert.Equal(ErrorCodes.TxMemo, tooLong.Code);
        Assert.Equal(ErrorCodes.TxMemo, (await Assert.ThrowsAsync<DomainException>(() => node.SubmitTransactionAsync(signed with { Memo = "two\nlines" }))).Code);
        Assert.Equal(ErrorCodes.TxSignature, (await Assert.ThrowsAsync<DomainException>(() => node.SubmitTransactionAsync(signed with { Memo = "tip:3f9a0c1e5b7d2468:9:wangwu" }))).Code);
        Assert.Equal(ErrorCodes.TxSignature, (await Assert.ThrowsAsync<DomainException>(() => node.SubmitTransactionAsync(signed with { Memo = null }))).Code);
        Assert.Empty(await node.GetMempoolAsync());
        Assert.False((await node.SubmitTransactionAsync(signed)).AlreadyKnown);
    }

    [Fact]
    public async Task A_node_signs_a_memo_into_a_transfer_from_its_own_wallet()
    {
        var node = Node(Unique("wallet-memo"));
        await node.EnsureCreatedAsync(ChainTestKit.Owner);
        await node.MineAsync(null);
        await node.MineAsync(null);

        var sent = await node.SendFromWalletAsync(Address.ForLabel("newcomer"), 1_000, fee: null, memo: "faucet:zhangsan");
        Assert.Equal("faucet:zhangsan", sent.Status.Data.Memo);
        Assert.Equal(ErrorCodes.TxMemo, (await Assert.ThrowsAsync<DomainException>(() => node.SendFromWalletAsync(Address.ForLabel("x"), 1, null, new string('x', 65)))).Code);
        var block = await node.MineAsync(null);
        Assert.Contains(block.Transactions, t => t.Id == sent.Status.Id && t.Data.Memo == "faucet:zhangsan");
    }

    internal static async Task<bool> Eventually(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(50);
        }

        return await condition();
    }
}
