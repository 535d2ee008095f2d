using Grains.Chain;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;
using Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Silo.Hosting;
using TestSupport;

namespace Grains.Tests.Chain;

public sealed class ChainPersistenceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static async Task<InProcessTestCluster> StartAsync(string connectionString, string serviceId)
    {
        var options = new ClusterHostOptions { Storage = StorageMode.AdoNet, ConnectionString = connectionString };
        var builder = ClusterFixture.CreateBuilder(options, silos: 1, serviceId: serviceId);
        builder.ConfigureSilo((_, silo) => silo.Services.Configure<ChainOptions>(ChainClusterFixture.Configure));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    [Fact]
    public async Task Nodes_on_PostgreSQL_come_back_intact_after_a_restart()
    {
        var database = postgres.NewDatabase("chain");
        var serviceId = "chain-restart-" + Guid.NewGuid().ToString("N")[..8];
        var wallet = ChainTestKit.NewWallet();
        var shop = Address.ForLabel("shop");

        NodeSummary before;
        ChainPage chainBefore;
        AccountInfo accountBefore;
        string pendingId;
        var cluster = await StartAsync(database, serviceId);
        try
        {
            var node = cluster.Client.GetGrain<IChainNodeGrain>("durable");
            await cluster.Client.GetGrain<IChainNodeGrain>("friend").EnsureCreatedAsync(ChainTestKit.Owner);
            await node.EnsureCreatedAsync(ChainTestKit.Owner);
            await cluster.Client.GetGrain<IChainNodeGrain>("steady-miner").EnsureCreatedAsync(ChainTestKit.Owner);
            await node.MineAsync(wallet.Address);
            await node.MineAsync(null);
            await node.SubmitTransactionAsync(ChainViews.ToData(TransactionSigner.Sign(ChainClusterFixture.Network, shop, 1_000, 3, 0, wallet.PrivateKey, "packet:0123456789abcdef")));
            await node.MineAsync(null);
            await node.AddPeersAsync(["friend"]);
            await cluster.Client.GetGrain<IChainNodeGrain>("steady-miner").SetMiningAsync(ChainTestKit.Owner, true);
            await node.UpdateSettingsAsync(ChainTestKit.Owner, new NodeSettings(shop, MinFee: 2));
            pendingId = (await node.SubmitTransactionAsync(ChainViews.ToData(TransactionSigner.Sign(ChainClusterFixture.Network, shop, 2_000, 2, 1, wallet.PrivateKey, "tip:3f9a0c1e5b7d2468:1:张三")))).Status.Id;

            before = await node.GetSummaryAsync();
            chainBefore = await node.GetChainAsync(0, 100);
            accountBefore = await node.GetAccountAsync(wallet.Address);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        cluster = await StartAsync(database, serviceId);
        try
        {
            var node = cluster.Client.GetGrain<IChainNodeGrain>("durable");
            var after = await node.GetSummaryAsync();
            Assert.Equal(before.TipHash, after.TipHash);
            Assert.Equal(3, after.Height);
            Assert.Equal(before.CumulativeWork, after.CumulativeWork);
            Assert.Equal(["friend"], after.Peers.Select(p => p.NodeId));
            Assert.Equal(2, after.MinFee);
            Assert.Equal(shop, after.RewardAddress);
            Assert.Equal(ChainTestKit.Owner, after.OwnerId);
            Assert.Equal(before.WalletAddress, after.WalletAddress);
            Assert.Equal(chainBefore.Blocks.Select(b => b.Hash), (await node.GetChainAsync(0, 100)).Blocks.Select(b => b.Hash));
            Assert.Equal(accountBefore, await node.GetAccountAsync(wallet.Address));
            Assert.Equal([pendingId], (await node.GetMempoolAsync()).Select(t => t.Id));
            Assert.Equal("tip:3f9a0c1e5b7d2468:1:张三", (await node.GetTransactionAsync(pendingId)).Data.Memo);
            Assert.Equal("packet:0123456789abcdef", (await node.GetChainAsync(0, 100)).Blocks[3].Transactions[1].Data.Memo);

            var miner = cluster.Client.GetGrain<IChainNodeGrain>("steady-miner");
            var resumedAt = (await miner.GetSummaryAsync()).Height;
            Assert.True((await miner.GetSummaryAsync()).ContinuousMining);
            Assert.True(await ChainNodeClusterTests.Eventually(async () => (await miner.GetSummaryAsync()).Height > resumedAt, TimeSpan.FromSeconds(30)));
            await miner.SetMiningAsync(ChainTestKit.Owner, false);

            var next = await node.MineAsync(null);
            Assert.Contains(next.Transactions, t => t.Id == pendingId);
            Assert.Equal(shop, next.Transactions[0].Data.To);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
