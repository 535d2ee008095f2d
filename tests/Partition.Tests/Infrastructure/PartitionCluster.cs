using System.Globalization;
using System.Net;
using Partition.Tests.Network;
using TestSupport;

namespace Partition.Tests.Infrastructure;

/// <summary>
/// Three silos, two gateways and PostgreSQL, each on a simulated host of its own (<see cref="TestNetwork"/>):
/// the real Silo and Gateway builds in cluster mode. Gateways sit on the front, cluster and database segments;
/// silos on the cluster and database segments; PostgreSQL on the database segment only. The same processes serve
/// every scenario: a scenario ends only when every one of them serves again without having been restarted.
/// </summary>
public sealed class PartitionCluster : IAsyncLifetime
{
    public const int SiloCount = 3;
    public const int GatewayCount = 2;
    private const int SiloHttpPort = 8081;
    private const int GatewayHttpPort = 8080;

    private PostgresServer? _postgres;
    private readonly Dictionary<string, string> _common = [];

    public TestNetwork Network { get; private set; } = null!;
    public NetworkHost DatabaseHost { get; private set; } = null!;
    public NetworkHost[] SiloHosts { get; } = new NetworkHost[SiloCount];
    public NetworkHost[] GatewayHosts { get; } = new NetworkHost[GatewayCount];
    public HostProcess[] Silos { get; } = new HostProcess[SiloCount];
    public HostProcess[] Gateways { get; } = new HostProcess[GatewayCount];
    public string ConnectionString { get; private set; } = "";
    public string ClusterId { get; } = "partition-" + Guid.NewGuid().ToString("N")[..8];
    public string ServiceId => "svc-" + ClusterId;

    /// <summary>Each gateway's address as a client sees it (front segment).</summary>
    public Uri GatewayAddress(int index) => new($"http://{Network.Owned(GatewayHosts[index].Address(Segment.Front))}:{GatewayHttpPort}");

    public async Task InitializeAsync()
    {
        Network = TestNetwork.Create();
        try
        {
            DatabaseHost = Network.AddHost("pg", Segment.Database);
            for (var i = 0; i < SiloCount; i++)
                SiloHosts[i] = Network.AddHost($"silo{i}", Segment.Cluster, Segment.Database);
            for (var i = 0; i < GatewayCount; i++)
                GatewayHosts[i] = Network.AddHost($"gw{i}", Segment.Front, Segment.Cluster, Segment.Database);

            var databaseAddress = Network.Owned(DatabaseHost.Address(Segment.Database)).ToString();
            _postgres = PostgresServer.StartInNamespace(DatabaseHost.Namespace, databaseAddress);
            // Short timeouts: a side that cannot reach PostgreSQL finds out in seconds, not the default 15 s + 30 s.
            ConnectionString = _postgres.CreateDatabaseWithSchema("partition") + ";Timeout=3;Command Timeout=5;Keepalive=2";

            _common["Cluster__Membership"] = "AdoNet";
            _common["Cluster__Storage"] = "AdoNet";
            _common["Cluster__ClusterId"] = ClusterId;
            _common["Cluster__ServiceId"] = ServiceId;
            _common["Cluster__ShutdownTimeoutSeconds"] = "10";
            _common["ConnectionStrings__Postgres"] = ConnectionString;
            _common["Auth__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
            _common["Wallet__EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
            _common["Chain__CoinbaseMaturity"] = "1";
            _common["Chain__InitialBits"] = "1f00ffff";
            // Payments: the faucet funds the red packets' senders; the payments node mines them in quickly.
            _common["Wallet__FaucetEnabled"] = "true";
            _common["Wallet__FaucetAmount"] = Checker.RedPacketWorkload.FaucetAmount.ToString(CultureInfo.InvariantCulture);
            _common["Chain__ContinuousMiningPauseMs"] = "200";
            _common["Auth__PasswordHashIterations"] = "1000";
            _common["Auth__AttemptsPerMinute"] = "100000";
            // Scenario 5 creates nodes until one lands on each side of the split.
            _common["Limits__NodesPerAccount"] = "200";
            _common["Logging__LogLevel__Default"] = "Warning";
            _common["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
            _common["Logging__LogLevel__Silo"] = "Information";

            for (var i = 0; i < SiloCount; i++)
                Silos[i] = StartSilo(i);
            await Task.WhenAll(Silos.Select(s => s.WaitUntilReadyAsync(TimeSpan.FromSeconds(120))));
            for (var i = 0; i < GatewayCount; i++)
                Gateways[i] = StartGateway(i);
            await Task.WhenAll(Gateways.Select(g => g.WaitUntilReadyAsync(TimeSpan.FromSeconds(120))));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Every process that ever ran: the test expects each to be the one it started, still running.</summary>
    public IEnumerable<HostProcess> Processes => Silos.Concat(Gateways).Where(p => p is not null);

    /// <summary>Waits until every silo and gateway reports ready again, and fails if any process exited.</summary>
    public async Task WaitUntilAllReadyAsync(TimeSpan timeout)
    {
        foreach (var process in Processes)
        {
            if (process.HasExited)
                Assert.Fail($"{process.Name} exited ({process.ExitCode}) instead of recovering:\n{Logs()}");
        }

        await Task.WhenAll(Processes.Select(p => p.WaitUntilReadyAsync(timeout)));
    }

    public string Logs(int lastLines = 80) => string.Join("\n\n", Processes
        .Select(p => $"--- {p.Name} ---\n" + string.Join('\n', p.Output.Split('\n').TakeLast(lastLines))));

    public Task DisposeAsync()
    {
        foreach (var process in Processes)
            process.Dispose();
        _postgres?.Dispose();
        Network?.Dispose();
        return Task.CompletedTask;
    }

    private HostProcess StartSilo(int index)
    {
        var host = SiloHosts[index];
        var address = Network.Owned(host.Address(Segment.Cluster)).ToString();
        var settings = new Dictionary<string, string>(_common)
        {
            ["Cluster__AdvertisedAddress"] = address,
            ["Cluster__SiloPort"] = "11111",
            ["Cluster__GatewayPort"] = "30000",
        };
        return HostProcess.StartInNamespace(host.Namespace, "Silo", address, SiloHttpPort, settings, host.Name);
    }

    private HostProcess StartGateway(int index)
    {
        var host = GatewayHosts[index];
        var settings = new Dictionary<string, string>(_common) { ["Gateway__Mode"] = "Client" };
        return HostProcess.StartInNamespace(host.Namespace, "Gateway", Network.Owned(host.Address(Segment.Front)).ToString(), GatewayHttpPort, settings, host.Name);
    }
}
