using System.Net;
using System.Security.Cryptography;
using TestSupport;

namespace Partition.Tests.Network;

/// <summary>The three segments of the test network: clients to gateways, gateways and silos to each other, everything to PostgreSQL.</summary>
public enum Segment
{
    /// <summary>Clients (this test process) to the gateways' HTTP ports.</summary>
    Front = 1,

    /// <summary>Silo to silo and gateway to silo (Orleans' silo and gateway ports), and this process to silo health.</summary>
    Cluster = 2,

    /// <summary>Silos and gateways to PostgreSQL, and this process to PostgreSQL for set-up and checking.</summary>
    Database = 3,
}

/// <summary>One simulated machine: a network namespace with one address on each segment it is plugged into.</summary>
public sealed class NetworkHost
{
    internal NetworkHost(string name, string networkNamespace, int number)
    {
        Name = name;
        Namespace = networkNamespace;
        Number = number;
    }

    public string Name { get; }
    public string Namespace { get; }
    internal int Number { get; }
    internal Dictionary<Segment, (IPAddress Address, string HostSideLink)> Links { get; } = [];

    public IPAddress Address(Segment segment) =>
        Links.TryGetValue(segment, out var link) ? link.Address : throw new InvalidOperationException($"{Name} is not on the {segment} segment");

    public override string ToString() => Name;
}

/// <summary>
/// A small network of simulated hosts on this machine, built from Linux network namespaces: one bridge per
/// <see cref="Segment"/> in the root namespace, one veth pair per host and segment. This process sits on every
/// bridge (address .1) as the client and observer; hosts have only their segments' addresses and no default
/// route, so nothing routes between segments and nothing outside reaches them. A partition takes a host's port
/// off a bridge (packets vanish, nobody gets a reset: the way a cut cable or a dead switch port behaves), a heal
/// puts it back. Disposing deletes every namespace, link and bridge it made, also after a failed test.
/// Needs root (CAP_NET_ADMIN) and iproute2.
/// </summary>
public sealed class TestNetwork : IDisposable
{
    private readonly string _prefix;
    private readonly int _second;
    private readonly List<NetworkHost> _hosts = [];
    private readonly List<string> _bridges = [];
    private readonly HashSet<IPAddress> _owned = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    private TestNetwork(string prefix, int second)
    {
        _prefix = prefix;
        _second = second;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public IReadOnlyList<NetworkHost> Hosts => _hosts;

    /// <summary>This process's own address on a segment (the bridge's address).</summary>
    public IPAddress Observer(Segment segment) => SegmentAddress(segment, 1);

    /// <summary>Builds the bridges of a fresh network in a 10.x.0.0/16 range nothing on this machine uses.</summary>
    public static TestNetwork Create()
    {
        if (Environment.UserName != "root")
            throw new InvalidOperationException("the partition tests build network namespaces and need root (CAP_NET_ADMIN); run them as root");
        // Every 10.x range this machine already has an address or a route in, and the wider ranges 10.0.0.0/8 would cover.
        var existing = Command.Run("ip", ["-4", "-o", "addr", "show"]) + Command.Run("ip", ["-4", "route", "show", "table", "all"]);
        var used = System.Text.RegularExpressions.Regex.Matches(existing, @"\b10\.(\d{1,3})\.").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        if (System.Text.RegularExpressions.Regex.IsMatch(existing, @"\b10\.\d{1,3}\.\d{1,3}\.\d{1,3}/([0-9]|1[0-5])\b"))
            throw new InvalidOperationException("this machine routes a range wider than a 10.x.0.0/16; the test network would overlap it");
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var second = RandomNumberGenerator.GetInt32(64, 250);
            if (used.Contains(second))
                continue;
            var network = new TestNetwork("pt" + Convert.ToHexString(RandomNumberGenerator.GetBytes(2)).ToLowerInvariant(), second);
            try
            {
                foreach (var segment in Enum.GetValues<Segment>())
                    network.AddBridge(network.BridgeName(segment), network.Observer(segment));
                network.AddBridge(network.SplitBridge, observer: null);
                return network;
            }
            catch
            {
                network.Dispose();
                throw;
            }
        }

        throw new InvalidOperationException("no free 10.x.0.0/16 range for the test network");
    }

    /// <summary>Adds a host plugged into <paramref name="segments"/>.</summary>
    public NetworkHost AddHost(string name, params Segment[] segments)
    {
        lock (_gate)
        {
            var number = _hosts.Count + 2;
            var host = new NetworkHost(name, $"{_prefix}-{name}", number);
            _hosts.Add(host);
            Ip("netns", "add", host.Namespace);
            Ip("-n", host.Namespace, "link", "set", "lo", "up");
            foreach (var segment in segments)
            {
                var hostSide = $"{_prefix}h{number}{(int)segment}";
                var inside = $"eth{(int)segment}";
                var address = SegmentAddress(segment, number);
                Ip("link", "add", hostSide, "type", "veth", "peer", "name", inside, "netns", host.Namespace);
                Ip("link", "set", hostSide, "master", BridgeName(segment));
                Ip("link", "set", hostSide, "up");
                Ip("-n", host.Namespace, "addr", "add", $"{address}/24", "dev", inside);
                Ip("-n", host.Namespace, "link", "set", inside, "up");
                host.Links[segment] = (address, hostSide);
                _owned.Add(address);
            }

            return host;
        }
    }

    /// <summary>Refuses any address this network did not assign to one of its own hosts (checked before traffic).</summary>
    public IPAddress Owned(IPAddress address)
    {
        lock (_gate)
        {
            if (!_owned.Contains(address))
                throw new InvalidOperationException($"{address} is not an address of this test network; refusing to send traffic to it");
            return address;
        }
    }

    /// <summary>Takes <paramref name="host"/>'s port off the bridge of each of <paramref name="segments"/>.</summary>
    public void Cut(NetworkHost host, params Segment[] segments)
    {
        foreach (var segment in segments)
            Ip("link", "set", host.Links[segment].HostSideLink, "nomaster");
    }

    /// <summary>Puts <paramref name="host"/>'s ports back on their bridges.</summary>
    public void Heal(NetworkHost host, params Segment[] segments)
    {
        foreach (var segment in segments)
            Ip("link", "set", host.Links[segment].HostSideLink, "master", BridgeName(segment));
    }

    /// <summary>
    /// Splits the cluster segment in two: <paramref name="minority"/>'s cluster ports move to a bridge of their own,
    /// where they still reach each other (and, on the other segments, everything they reached before) but not the
    /// rest of the cluster, nor this process.
    /// </summary>
    public void Split(params NetworkHost[] minority)
    {
        foreach (var host in minority)
            Ip("link", "set", host.Links[Segment.Cluster].HostSideLink, "master", SplitBridge);
    }

    /// <summary>Every port of every host back on its own bridge: ends cuts and splits alike.</summary>
    public void HealAll()
    {
        foreach (var host in _hosts)
            Heal(host, [.. host.Links.Keys]);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            // Deleting a namespace deletes the veth ends inside it and with them their peers on the bridges.
            foreach (var host in _hosts)
                TryIp("netns", "delete", host.Namespace);
            foreach (var bridge in _bridges)
                TryIp("link", "delete", bridge);
        }
    }

    private void AddBridge(string bridge, IPAddress? observer)
    {
        Ip("link", "add", bridge, "type", "bridge");
        _bridges.Add(bridge);
        if (observer is not null)
            Ip("addr", "add", $"{observer}/24", "dev", bridge);
        Ip("link", "set", bridge, "up");
    }

    private string BridgeName(Segment segment) => $"{_prefix}b{(int)segment}";

    private string SplitBridge => $"{_prefix}b{(int)Segment.Cluster}s";

    private IPAddress SegmentAddress(Segment segment, int number) => new([10, (byte)_second, (byte)segment, (byte)number]);

    private static void Ip(params string[] arguments) => Command.Run("ip", arguments);

    private static void TryIp(params string[] arguments)
    {
        try
        {
            Command.Run("ip", arguments);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
