using TestSupport;

namespace Cluster.Tests.Infrastructure;

/// <summary>
/// Real Silo and Gateway processes in AdoNet mode over one throwaway database, on loopback ports.
/// Disposing stops every process it started.
/// </summary>
public sealed class RealCluster : IDisposable
{
    private readonly List<HostProcess> _processes = [];

    public RealCluster(PostgresFixture postgres, string name)
    {
        ConnectionString = postgres.NewDatabase(name);
        ClusterId = name + "-" + Guid.NewGuid().ToString("N")[..8];
    }

    public string ConnectionString { get; }
    public string ClusterId { get; }
    public string ServiceId => "svc-" + ClusterId;

    /// <summary>One JWT signing key for every gateway of this cluster, as a deployment shares it.</summary>
    public string SigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    public Dictionary<string, string> CommonSettings() => new()
    {
        ["Cluster__Membership"] = "AdoNet",
        ["Cluster__Storage"] = "AdoNet",
        ["Cluster__ClusterId"] = ClusterId,
        ["Cluster__ServiceId"] = ServiceId,
        ["ConnectionStrings__Postgres"] = ConnectionString,
        // Client-mode gateways refuse to start without it; every gateway of a cluster shares it.
        ["Auth__SigningKey"] = "real-cluster-tests-shared-signing-key-0123456789",
        // Silos storing custodial wallet keys in PostgreSQL refuse to start without it; the same on every silo.
        ["Wallet__EncryptionKey"] = "real-cluster-tests-wallet-encryption-key-0123456789",
    };

    public HostProcess StartSilo(IDictionary<string, string>? extra = null)
    {
        var settings = CommonSettings();
        settings["Cluster__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Cluster__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            settings[key] = value;
        return Track(HostProcess.Start("Silo", FreePort.Next(), settings));
    }

    public HostProcess StartGateway(IDictionary<string, string>? extra = null)
    {
        var settings = CommonSettings();
        settings["Gateway__Mode"] = "Client";
        settings["Auth__SigningKey"] = SigningKey;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            settings[key] = value;
        return Track(HostProcess.Start("Gateway", FreePort.Next(), settings));
    }

    public void Dispose()
    {
        foreach (var process in _processes)
            process.Dispose();
    }

    private HostProcess Track(HostProcess process)
    {
        _processes.Add(process);
        return process;
    }
}
