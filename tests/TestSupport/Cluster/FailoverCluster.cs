using System.Globalization;

namespace TestSupport.Cluster;

/// <summary>
/// A production-shaped cluster on loopback: real PostgreSQL, N Silo processes, M Gateway processes
/// (Orleans clients) and nginx in front. Each silo and gateway keeps its ports across restarts.
/// </summary>
public sealed class FailoverCluster : IDisposable
{
    private readonly Dictionary<string, string> _common;
    private readonly List<(int Http, int Silo, int Gateway)> _siloPorts = [];
    private readonly List<int> _gatewayPorts = [];
    private readonly List<HostProcess> _retired = [];

    public FailoverCluster(PostgresFixture postgres, string name, int silos = 3, int gateways = 2, IDictionary<string, string>? settings = null)
    {
        ConnectionString = postgres.NewDatabase(name);
        var clusterId = name + "-" + Guid.NewGuid().ToString("N")[..8];
        _common = new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "AdoNet",
            ["Cluster__Storage"] = "AdoNet",
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__ServiceId"] = "svc-" + clusterId,
            ["Cluster__ShutdownTimeoutSeconds"] = "20",
            ["ConnectionStrings__Postgres"] = ConnectionString + ";Timeout=3;Command Timeout=5",
            ["Auth__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["Wallet__EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            _common[key] = value;
        for (var i = 0; i < silos; i++)
            _siloPorts.Add((FreePort.Next(), FreePort.Next(), FreePort.Next()));
        for (var i = 0; i < gateways; i++)
            _gatewayPorts.Add(FreePort.Next());
        Silos = new HostProcess?[silos];
        Gateways = new HostProcess?[gateways];
    }

    public string ConnectionString { get; }
    public HostProcess?[] Silos { get; }
    public HostProcess?[] Gateways { get; }
    public NginxBalancer? Balancer { get; private set; }
    public Uri Address => Balancer?.Address ?? throw new InvalidOperationException("not started");

    public async Task StartAsync()
    {
        for (var i = 0; i < Silos.Length; i++)
            StartSilo(i);
        await Task.WhenAll(Silos.Select(s => s!.WaitUntilReadyAsync(TimeSpan.FromSeconds(120))));
        for (var i = 0; i < Gateways.Length; i++)
            StartGateway(i);
        await Task.WhenAll(Gateways.Select(g => g!.WaitUntilReadyAsync(TimeSpan.FromSeconds(120))));
        Balancer = NginxBalancer.Start(_gatewayPorts);
    }

    public HostProcess StartSilo(int index)
    {
        var (http, silo, gateway) = _siloPorts[index];
        var settings = new Dictionary<string, string>(_common)
        {
            ["Cluster__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
        };
        Retire(Silos[index]);
        return Silos[index] = HostProcess.Start("Silo", http, settings, $"silo-{index}");
    }

    public HostProcess StartGateway(int index)
    {
        var settings = new Dictionary<string, string>(_common) { ["Gateway__Mode"] = "Client" };
        Retire(Gateways[index]);
        return Gateways[index] = HostProcess.Start("Gateway", _gatewayPorts[index], settings, $"gateway-{index}");
    }

    /// <summary>Everything the processes printed, for failure messages.</summary>
    public string Logs(int lastLines = 60) => string.Join("\n\n", Silos.Concat(Gateways).Concat(_retired).Where(p => p is not null)
        .Select(p => $"--- {p!.Name} ---\n" + string.Join('\n', p.Output.Split('\n').TakeLast(lastLines))));

    public void Dispose()
    {
        Balancer?.Dispose();
        foreach (var process in Gateways.Concat(Silos).Concat(_retired))
            process?.Dispose();
    }

    private void Retire(HostProcess? process)
    {
        if (process is not null)
            _retired.Add(process);
    }
}
