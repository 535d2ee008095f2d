using System.ComponentModel.DataAnnotations;
using System.Net;
using Silo.Hosting.Settings;

namespace Silo.Hosting;

/// <summary>
/// The settings under the <c>Cluster</c> section (environment: <c>Cluster__Name</c>), shared by the Silo
/// host, the Gateway's embedded silo and the Gateway's cluster client. Checked by <see cref="ClusterRules"/>.
/// </summary>
public sealed class ClusterHostOptions
{
    public const string Section = "Cluster";
    public const string ConnectionStringName = "Postgres";

    public ClusteringMode Membership { get; set; } = ClusteringMode.Localhost;
    public StorageMode Storage { get; set; } = StorageMode.Memory;
    public string? ClusterId { get; set; }
    public string? ServiceId { get; set; }

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients use to reach this silo: an IP address, or <c>auto</c> for this
    /// host's first non-loopback IPv4 address (containers).
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Bind the silo and gateway ports on every interface instead of only the advertised address.</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>How long a stopping silo may take to hand its grains off before the process exits.</summary>
    [Range(1, 600)]
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Orleans' Kubernetes hosting (<c>UseKubernetesHosting</c>): the silo takes its name and address from its pod and
    /// watches the pods of its cluster (labels <c>orleans/serviceId</c>, <c>orleans/clusterId</c>), declaring a silo
    /// dead as soon as its pod is gone; PostgreSQL membership stays the source of truth. Unset: on when the process
    /// runs in a Kubernetes pod (<c>KUBERNETES_SERVICE_HOST</c> is set), off elsewhere.
    /// </summary>
    public bool? KubernetesHosting { get; set; }

    /// <summary>Whether this silo uses Kubernetes hosting: the setting, else whether it runs in a pod.</summary>
    public bool UsesKubernetesHosting(Func<string, string?> environment) =>
        KubernetesHosting ?? !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"));

    /// <summary>How long a silo waits for a probe answer from another silo before counting it missed.</summary>
    [Range(1, 60)]
    public int ProbeTimeoutSeconds { get; set; } = 2;

    /// <summary>Missed probes after which a silo suspects another; enough suspicions declare it dead.</summary>
    [Range(1, 10)]
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// How often a silo rereads the membership table by itself (Orleans' default is 60 s). A silo that was cut off
    /// and declared dead learns it on the next read after the heal, and until then it still takes calls the rest of
    /// the cluster refuses to route to it.
    /// </summary>
    [Range(1, 600)]
    public int MembershipRefreshSeconds { get; set; } = 5;

    /// <summary>
    /// Client mode: how long a gateway waits for a grain call. A call that a gateway sent through one silo to
    /// a grain on a silo that then died gets no answer; this bounds how long such a request hangs before it
    /// fails with a retryable 503.
    /// </summary>
    [Range(1, 600)]
    public int ClientResponseTimeoutSeconds { get; set; } = 10;

    /// <summary>The Npgsql connection string, from <c>ConnectionStrings:Postgres</c> rather than this section.</summary>
    [SettingPath("ConnectionStrings:" + ConnectionStringName), SecretSetting]
    public string? ConnectionString { get; set; }

    public bool UsesPostgres => Membership == ClusteringMode.AdoNet || Storage == StorageMode.AdoNet;

    public string EffectiveClusterId => ClusterId ?? "dev";
    public string EffectiveServiceId => ServiceId ?? "chain-chat";

    /// <summary>The settings as configured, for wiring decided while the host is built (checked before it starts).</summary>
    public static ClusterHostOptions Read(IConfiguration configuration) => configuration.ReadSettings<ClusterHostOptions>(Section);

    /// <summary>The cluster this host is part of and how, for its start-up line.</summary>
    public string Describe() =>
        $"cluster {EffectiveClusterId}/{EffectiveServiceId}, membership {Membership}, storage {Storage}, silo port {SiloPort}, gateway port {GatewayPort}";

    /// <summary>Whether <see cref="AdvertisedAddress"/> is an IP address or <c>auto</c>.</summary>
    public bool HasValidAdvertisedAddress => IsAuto(AdvertisedAddress) || IPAddress.TryParse(AdvertisedAddress, out _);

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
}
