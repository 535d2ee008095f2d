using Grains.Chain;
using Grains.Interfaces.Chain;
using Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Silo.Hosting;

namespace Grains.Tests.Chain;

/// <summary>A one-silo cluster with a target hard enough (about 4 M hashes a proof) that a proof takes a noticeable while.</summary>
public sealed class SlowMiningFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = ClusterFixture.CreateBuilder(new ClusterHostOptions { Storage = StorageMode.Memory }, silos: 1, serviceId: "slow-" + Guid.NewGuid().ToString("N")[..8]);
        builder.ConfigureSilo((_, silo) => silo.Services.Configure<ChainOptions>(o =>
        {
            o.NetworkId = "slow-test";
            o.InitialBits = "1e03ffff";
            o.MiningCores = 1;
        }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class MiningJoinTests(SlowMiningFixture fixture) : IClassFixture<SlowMiningFixture>
{
    [Fact]
    public async Task Concurrent_mine_requests_join_the_running_job_and_never_mine_twice()
    {
        var node = fixture.Cluster.Client.GetGrain<IChainNodeGrain>("joiner");
        await node.EnsureCreatedAsync(ChainTestKit.Owner);
        var joined = false;
        for (var attempt = 0; attempt < 3 && !joined; attempt++)
        {
            var heightBefore = (await node.GetTipAsync()).Height;
            var blocks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => node.MineAsync(null)));
            var distinct = blocks.DistinctBy(b => b.Hash).ToList();

            // Never twice at once: every block returned is on the one best chain, each at its own height.
            var chain = await node.GetChainAsync(0, 100);
            Assert.All(distinct, b => Assert.Equal(b.Hash, chain.Blocks[(int)b.Height].Hash));
            Assert.Equal(heightBefore + distinct.Count, (await node.GetTipAsync()).Height);

            // A proof takes ~4 M hashes, so requests sent together almost always share one job; a
            // freak-fast proof can let one request start a second, sequential job, hence the retry.
            joined = distinct.Count == 1;
        }

        Assert.True(joined);
    }
}
