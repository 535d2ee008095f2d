using Orleans.TestingHost;
using Silo.Hosting;

namespace Grains.Tests.Infrastructure;

/// <summary>
/// One in-process cluster (two silos, memory storage) shared by the whole assembly; tests use fresh
/// grain keys so they never see each other's state.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = CreateBuilder(new ClusterHostOptions { Storage = StorageMode.Memory }, silos: 2).Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A cluster wired with the same storage registration as the real hosts.</summary>
    public static InProcessTestClusterBuilder CreateBuilder(ClusterHostOptions options, short silos, string? serviceId = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        if (serviceId is not null)
            builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddClusterStorage(options));
        return builder;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
