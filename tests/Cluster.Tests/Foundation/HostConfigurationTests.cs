using Cluster.Tests.Infrastructure;
using TestSupport;

namespace Cluster.Tests.Foundation;

[Collection(PostgresCollection.Name)]
public sealed class HostConfigurationTests
{
    [Fact]
    public void Silo_in_AdoNet_mode_without_ClusterId_exits_naming_the_setting()
    {
        using var silo = HostProcess.Start("Silo", FreePort.Next(), new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "AdoNet",
            ["Cluster__ServiceId"] = "svc",
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres",
        });

        Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(60)), "the silo kept running without a ClusterId");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("Cluster:ClusterId", silo.Output);
        Assert.Contains("Cluster__ClusterId", silo.Output);
    }

    [Fact]
    public void Silo_in_AdoNet_mode_without_a_connection_string_exits_naming_the_setting()
    {
        using var silo = HostProcess.Start("Silo", FreePort.Next(), new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "AdoNet",
            ["Cluster__ClusterId"] = "c1",
            ["Cluster__ServiceId"] = "svc",
        });

        Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(60)), "the silo kept running without a connection string");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("ConnectionStrings:Postgres", silo.Output);
    }

    [Fact]
    public void Silo_with_an_unknown_membership_mode_exits_naming_the_setting()
    {
        using var silo = HostProcess.Start("Silo", FreePort.Next(), new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "Zookeeper",
        });

        Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(60)), "the silo kept running with a bad membership mode");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("Cluster", silo.Output);
        Assert.Contains("Membership", silo.Output);
    }

    [Fact]
    public void Silo_with_bad_cluster_settings_names_every_one_in_one_message_and_exits_2()
    {
        using var silo = HostProcess.Start("Silo", FreePort.Next(), new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "Bogus",
            ["Cluster__Storage"] = "AdoNet",
            ["Cluster__SiloPort"] = "eleven",
            ["Cluster__GatewayPort"] = "70000",
            ["Cluster__AdvertisedAddress"] = "my-laptop",
            ["Cluster__ListenOnAnyAddress"] = "sometimes",
            ["Cluster__ProbeTimeoutSeconds"] = "0",
            ["Cluster__MissedProbesLimit"] = "11",
            ["Cluster__ShutdownTimeoutSeconds"] = "-1",
        });

        SettingsRefusal.AssertRefused(silo,
            "Cluster:Membership (Cluster__Membership) is 'Bogus'; allowed: Localhost, AdoNet",
            "ConnectionStrings:Postgres (ConnectionStrings__Postgres) is not set; required when Cluster:Membership or Cluster:Storage is AdoNet",
            "Cluster:SiloPort (Cluster__SiloPort) is 'eleven'; allowed: a whole number from 1 to 65535",
            "Cluster:GatewayPort (Cluster__GatewayPort) is '70000'; allowed: a whole number from 1 to 65535",
            "Cluster:AdvertisedAddress (Cluster__AdvertisedAddress) is 'my-laptop'; allowed: an IP address, or auto",
            "Cluster:ListenOnAnyAddress (Cluster__ListenOnAnyAddress) is 'sometimes'; allowed: true, false",
            "Cluster:ProbeTimeoutSeconds (Cluster__ProbeTimeoutSeconds) is '0'; allowed: a whole number from 1 to 60",
            "Cluster:MissedProbesLimit (Cluster__MissedProbesLimit) is '11'; allowed: a whole number from 1 to 10",
            "Cluster:ShutdownTimeoutSeconds (Cluster__ShutdownTimeoutSeconds) is '-1'; allowed: a whole number from 1 to 600",
            "Wallet:EncryptionKey (Wallet__EncryptionKey) is not set; required when state is stored in PostgreSQL (Cluster:Membership or Cluster:Storage AdoNet): the same secret on every silo, at least 32 bytes");
    }

    [Fact]
    public void Silo_with_bad_chain_settings_names_every_one_in_one_message_and_exits_2()
    {
        using var silo = HostProcess.Start("Silo", FreePort.Next(), new Dictionary<string, string>
        {
            ["Chain__InitialBits"] = "zz",
            ["Chain__Difficulty"] = "Hard",
            ["Chain__NetworkId"] = "two words",
            ["Chain__RetargetInterval"] = "1",
            ["Chain__BlockReward"] = "lots",
            ["Chain__MiningCores"] = "0",
        });

        SettingsRefusal.AssertRefused(silo,
            "Chain:InitialBits (Chain__InitialBits) is 'zz'; allowed: a compact difficulty target in hex, e.g. 1f00ffff",
            "Chain:Difficulty (Chain__Difficulty) is 'Hard'; allowed: Fixed, Retarget",
            "Chain:NetworkId (Chain__NetworkId) is 'two words'; allowed: 1 to 64 printable ASCII characters without spaces",
            "Chain:RetargetInterval (Chain__RetargetInterval) is '1'; allowed: a whole number from 2 to 100000",
            "Chain:BlockReward (Chain__BlockReward) is 'lots'; allowed: a whole number of at least 0",
            "Chain:MiningCores (Chain__MiningCores) is '0'; allowed: a whole number from 1 to 256");
    }

    [Fact]
    public void Hex_that_is_no_valid_compact_target_is_refused_like_text_that_is_no_hex()
    {
        using var silo = HostProcess.Start("Silo", FreePort.Next(), new Dictionary<string, string> { ["Chain__InitialBits"] = "0x00000000" });

        SettingsRefusal.AssertRefused(silo, "Chain:InitialBits (Chain__InitialBits) is '0x00000000'; allowed: a compact difficulty target in hex, e.g. 1f00ffff");
    }

    [Fact]
    public void Gateway_names_bad_settings_of_every_section_at_once()
    {
        using var gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "Bogus",
            ["Chain__InitialBits"] = "zz",
            ["Live__FlushIntervalMs"] = "-5",
        });

        SettingsRefusal.AssertRefused(gateway,
            "Cluster:Membership (Cluster__Membership) is 'Bogus'; allowed: Localhost, AdoNet",
            "Chain:InitialBits (Chain__InitialBits) is 'zz'; allowed: a compact difficulty target in hex, e.g. 1f00ffff",
            "Live:FlushIntervalMs (Live__FlushIntervalMs) is '-5'; allowed: a whole number from 1 to 10000");
    }

    [Fact]
    public void Silo_with_bad_telemetry_and_dashboard_settings_names_every_one_in_one_message_and_exits_2()
    {
        using var silo = HostProcess.Start("Silo", FreePort.Next(), new Dictionary<string, string>
        {
            ["Dashboard__Enabled"] = "maybe",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "collector:4317",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "udp",
        });

        SettingsRefusal.AssertRefused(silo,
            "Dashboard:Enabled (Dashboard__Enabled) is 'maybe'; allowed: true, false",
            "OTEL_EXPORTER_OTLP_ENDPOINT is 'collector:4317'; allowed: an http:// or https:// URL, e.g. http://localhost:4317",
            "OTEL_EXPORTER_OTLP_PROTOCOL is 'udp'; allowed: grpc, http/protobuf");
    }
}
