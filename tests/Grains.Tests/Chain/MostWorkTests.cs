using Grains.Chain;
using Grains.Chain.Model;
using Grains.Interfaces.Chain;
using Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Silo.Hosting;

namespace Grains.Tests.Chain;

/// <summary>A one-silo cluster on a retargeting network, where blocks mined fast get a harder target and so carry more work.</summary>
public sealed class RetargetClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public static void Configure(ChainOptions options)
    {
        options.NetworkId = "work-test";
        options.InitialBits = "2000ffff";
        options.Difficulty = DifficultyMode.Retarget;
        options.RetargetInterval = 4;
        options.TargetSpacingMs = 60_000;
        options.CoinbaseMaturity = 1;
    }

    public async Task InitializeAsync()
    {
        var builder = ClusterFixture.CreateBuilder(new ClusterHostOptions { Storage = StorageMode.Memory }, silos: 1, serviceId: "work-" + Guid.NewGuid().ToString("N")[..8]);
        builder.ConfigureSilo((_, silo) => silo.Services.Configure<ChainOptions>(Configure));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class MostWorkTests(RetargetClusterFixture fixture) : IClassFixture<RetargetClusterFixture>
{
    [Fact]
    public async Task A_shorter_branch_with_more_work_beats_a_longer_one_with_less()
    {
        var client = fixture.Cluster.Client;
        var longNode = client.GetGrain<IChainNodeGrain>("long");
        var shortNode = client.GetGrain<IChainNodeGrain>("short");
        var judge = client.GetGrain<IChainNodeGrain>("judge");
        await longNode.EnsureCreatedAsync(ChainTestKit.Owner);
        await shortNode.EnsureCreatedAsync(ChainTestKit.Owner);
        await judge.EnsureCreatedAsync(ChainTestKit.Owner);

        // Long: seven blocks mined now, a year after genesis, so the first retarget keeps the easiest target.
        for (var i = 0; i < 7; i++)
            await longNode.MineAsync(null);

        // Short: five blocks stamped milliseconds after genesis; at height 4 the target drops to a quarter,
        // so blocks 4 and 5 each carry four times the work: 3 + 4 + 4 = 11 units against 7.
        var kit = new ChainTestKit(RetargetClusterFixture.Configure);
        var genesisTime = kit.Tree.Genesis.Header.TimestampMs;
        long[] offsets = [1, 1, 2, 2, 2];
        var parent = kit.Tree.Genesis;
        var branch = new List<Block>();
        foreach (var offset in offsets)
        {
            var block = kit.Make(parent, tweak: h => h with { TimestampMs = genesisTime + offset });
            parent = kit.Add(block);
            branch.Add(block);
        }

        Assert.Equal(CompactTarget.Decode(0x2000ffff) / 4, CompactTarget.Decode(branch[3].Header.Bits), new NearlyEqual());
        foreach (var block in branch)
        {
            await shortNode.AnnounceBlockAsync(block.Encode(), "feeder");
            Assert.True(await ChainNodeClusterTests.Eventually(async () => (await shortNode.GetTipAsync()).Hash == block.Hash.ToString(), TimeSpan.FromSeconds(10)));
        }

        await judge.AddPeersAsync(["long", "short"]);
        var resolved = await judge.ResolveAsync();

        Assert.True(resolved.Replaced);
        Assert.Equal(branch[^1].Hash.ToString(), resolved.TipHash);
        Assert.Equal(5, resolved.Height);
        Assert.Contains(resolved.Peers, p => p.NodeId == "long" && p.BlocksFetched == 7);
        Assert.Contains(resolved.Peers, p => p.NodeId == "short" && p.Outcome == PeerOutcomeKind.Adopted && p.BlocksFetched == 5);

        // The judge announces its new tip; the long node gives up its seven blocks for the five.
        await longNode.AddPeersAsync(["short"]);
        await longNode.ResolveAsync();
        Assert.Equal(branch[^1].Hash.ToString(), (await longNode.GetTipAsync()).Hash);
    }

    private sealed class NearlyEqual : IEqualityComparer<System.Numerics.BigInteger>
    {
        public bool Equals(System.Numerics.BigInteger x, System.Numerics.BigInteger y) => System.Numerics.BigInteger.Abs(x - y) <= System.Numerics.BigInteger.Max(x, y) >> 15;
        public int GetHashCode(System.Numerics.BigInteger obj) => 0;
    }
}
