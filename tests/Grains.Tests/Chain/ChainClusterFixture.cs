using Grains.Chain;
using Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Silo.Hosting;

namespace Grains.Tests.Chain;

/// <summary>
/// An in-process cluster (two silos, memory storage) whose network has an easy fixed target (two
/// leading hex zeros) and a coinbase maturity of one block, so cluster tests mine in milliseconds.
/// </summary>
public sealed class ChainClusterFixture : IAsyncLifetime
{
    public const string Network = "cluster-test";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public static void Configure(ChainOptions options)
    {
        options.NetworkId = Network;
        options.InitialBits = "2000ffff";
        options.CoinbaseMaturity = 1;
        options.ContinuousMiningPauseMs = 20;
    }

    public async Task InitializeAsync()
    {
        var builder = ClusterFixture.CreateBuilder(new ClusterHostOptions { Storage = StorageMode.Memory }, silos: 2, serviceId: "chain-" + Guid.NewGuid().ToString("N")[..8]);
        builder.ConfigureSilo((_, silo) => silo.Services.Configure<ChainOptions>(Configure));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ChainClusterCollection : ICollectionFixture<ChainClusterFixture>
{
    public const string Name = "chain-cluster";
}
