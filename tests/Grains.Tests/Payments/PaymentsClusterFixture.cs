using Grains.Chain;
using Microsoft.Extensions.DependencyInjection;
using Grains.Payments;
using Grains.Tests.Chain;
using Grains.Tests.Infrastructure;
using Orleans.TestingHost;
using Silo.Hosting;

namespace Grains.Tests.Payments;

/// <summary>
/// A one-silo cluster with payments wired as the hosts wire them, an easy chain that does not mine by itself (tests mine
/// block by block), and three confirmations per payment, so a test can reorganise the payments node between them.
/// </summary>
public sealed class PaymentsClusterFixture : IAsyncLifetime
{
    public const string PaymentsNode = "main";
    public const int Confirmations = 3;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = ClusterFixture.CreateBuilder(new ClusterHostOptions { Storage = StorageMode.Memory }, silos: 1, serviceId: "payments-" + Guid.NewGuid().ToString("N")[..8]);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddPaymentSettings(signsPayments: true);
            silo.Services.Configure<ChainOptions>(ChainClusterFixture.Configure);
            silo.Services.Configure<PaymentOptions>(o =>
            {
                o.PaymentsNode = PaymentsNode;
                o.PaymentConfirmations = Confirmations;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>The payments node is shared: these tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PaymentsClusterCollection : ICollectionFixture<PaymentsClusterFixture>
{
    public const string Name = "payments-cluster";
}
