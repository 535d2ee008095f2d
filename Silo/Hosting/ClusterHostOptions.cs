using System.Net;

namespace Silo.Hosting;

/// <summary>
/// The settings under the <c>Cluster</c> section (environment: <c>Cluster__Name</c>), shared by the Silo
/// host, the Gateway's embedded silo and the Gateway's cluster client.
/// </summary>
public sealed class ClusterHostOptions
{
    public const string Section = "Cluster";
    public const string ConnectionStringName = "Postgres";

    public ClusteringMode Membership { get; set; } = ClusteringMode.Localhost;
    public StorageMode Storage { get; set; } = StorageMode.Memory;
    public string? ClusterId { get; set; }
    public string? ServiceId { get; set; }
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients use to reach this silo: an IP address, or <c>auto</c> for this
    /// host's first non-loopback IPv4 address (containers).
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Bind the silo and gateway ports on every interface instead of only the advertised address.</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>How long a stopping silo may take to hand its grains off before the process exits.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a silo waits for a probe answer from another silo before counting it missed.</summary>
    public int ProbeTimeoutSeconds { get; set; } = 2;

    /// <summary>Missed probes after which a silo suspects another; enough suspicions declare it dead.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// Client mode: how long a gateway waits for a grain call. A call that a gateway sent through one silo to
    /// a grain on a silo that then died gets no answer; this bounds how long such a request hangs before it
    /// fails with a retryable 503.
    /// </summary>
    public int ClientResponseTimeoutSeconds { get; set; } = 10;

    /// <summary>Set from <c>ConnectionStrings:Postgres</c>, not from this section.</summary>
    public string? ConnectionString { get; set; }

    public bool UsesPostgres => Membership == ClusteringMode.AdoNet || Storage == StorageMode.AdoNet;

    public string EffectiveClusterId => ClusterId ?? "dev";
    public string EffectiveServiceId => ServiceId ?? "chain-chat";

    /// <summary>Reads and checks the settings; every problem names the setting and its environment variable.</summary>
    public static ClusterHostOptions Read(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var options = new ClusterHostOptions();
        var section = configuration.GetSection(Section);
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"{Section}: {ex.Message}");
        }

        options.ConnectionString = configuration.GetConnectionString(ConnectionStringName);
        problems.AddRange(options.Validate());
        errors = problems;
        return options;
    }

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Membership))
            yield return Problem(nameof(Membership), "must be Localhost or AdoNet");
        if (!Enum.IsDefined(Storage))
            yield return Problem(nameof(Storage), "must be Memory or AdoNet");
        if (Membership == ClusteringMode.AdoNet)
        {
            if (string.IsNullOrWhiteSpace(ClusterId))
                yield return Problem(nameof(ClusterId), "is required when Cluster:Membership is AdoNet");
            if (string.IsNullOrWhiteSpace(ServiceId))
                yield return Problem(nameof(ServiceId), "is required when Cluster:Membership is AdoNet");
        }

        if (UsesPostgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return $"ConnectionStrings:{ConnectionStringName} (environment variable ConnectionStrings__{ConnectionStringName}) is required when Cluster:Membership or Cluster:Storage is AdoNet";
        if (SiloPort is < 1 or > 65535)
            yield return Problem(nameof(SiloPort), "must be a port number between 1 and 65535");
        if (GatewayPort is < 1 or > 65535)
            yield return Problem(nameof(GatewayPort), "must be a port number between 1 and 65535");
        if (SiloPort == GatewayPort)
            yield return Problem(nameof(GatewayPort), "must differ from Cluster:SiloPort");
        if (!IsAuto(AdvertisedAddress) && !IPAddress.TryParse(AdvertisedAddress, out _))
            yield return Problem(nameof(AdvertisedAddress), "must be an IP address or auto");
        if (ProbeTimeoutSeconds is < 1 or > 60)
            yield return Problem(nameof(ProbeTimeoutSeconds), "must be between 1 and 60");
        if (MissedProbesLimit is < 1 or > 10)
            yield return Problem(nameof(MissedProbesLimit), "must be between 1 and 10");
        if (ClientResponseTimeoutSeconds is < 1 or > 600)
            yield return Problem(nameof(ClientResponseTimeoutSeconds), "must be between 1 and 600");
        if (ShutdownTimeoutSeconds is < 1 or > 600)
            yield return Problem(nameof(ShutdownTimeoutSeconds), "must be between 1 and 600");
    }

    /// <summary>The advertised address as an <see cref="IPAddress"/>, resolving <c>auto</c>.</summary>
    public IPAddress ResolveAdvertisedAddress()
    {
        if (!IsAuto(AdvertisedAddress))
            return IPAddress.Parse(AdvertisedAddress);
        return System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }

    private static bool IsAuto(string? value) => string.Equals(value, "auto", StringComparison.OrdinalIgnoreCase);

    private static string Problem(string name, string what) =>
        $"{Section}:{name} (environment variable {Section}__{name}) {what}";
}
