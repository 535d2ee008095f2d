using TestSupport;

namespace Gateway.Tests.Hosting;

/// <summary>
/// The real Gateway process refusing bad settings: exit code 2 and one message naming every bad setting, its
/// environment variable and what it allows. Each test exits before Orleans starts, so they take a second each.
/// </summary>
public sealed class GatewaySettingsTests
{
    [Fact]
    public void A_client_gateway_without_membership_connection_string_or_signing_key_names_all_three_at_once()
    {
        using var gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string>
        {
            ["Gateway__Mode"] = "Client",
            ["Gateway__KnownProxies"] = "10.0.0.1, the-load-balancer, 10.1.0.0/16",
        });

        SettingsRefusal.AssertRefused(gateway,
            "Cluster:Membership (Cluster__Membership) is 'Localhost'; allowed: AdoNet when Gateway:Mode is Client",
            "ConnectionStrings:Postgres (ConnectionStrings__Postgres) is not set; required when Gateway:Mode is Client",
            "Auth:SigningKey (Auth__SigningKey) is not set; required when Gateway:Mode is Client: every gateway must check tokens with the same key (at least 32 bytes)",
            "Gateway:KnownProxies (Gateway__KnownProxies) is '10.0.0.1, the-load-balancer, 10.1.0.0/16'; allowed: IP addresses or CIDR networks, comma-separated (not 'the-load-balancer')");
    }

    [Fact]
    public void An_unknown_gateway_mode_is_named_with_the_modes_there_are()
    {
        using var gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string> { ["Gateway__Mode"] = "Cluster" });

        SettingsRefusal.AssertRefused(gateway, "Gateway:Mode (Gateway__Mode) is 'Cluster'; allowed: Embedded, Client");
    }

    [Fact]
    public void Bad_limits_are_named_at_once()
    {
        using var gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string>
        {
            ["Limits__GroupsPerAccount"] = "0",
            ["Limits__GroupCreationsPerMinute"] = "ten",
            ["Limits__NodesPerAccount"] = "-3",
            ["Limits__AnonymousNodesPerHour"] = "2.5",
            ["Limits__MineRequestsPerMinute"] = "99999999999",
        });

        SettingsRefusal.AssertRefused(gateway,
            "Limits:GroupsPerAccount (Limits__GroupsPerAccount) is '0'; allowed: a whole number of at least 1",
            "Limits:GroupCreationsPerMinute (Limits__GroupCreationsPerMinute) is 'ten'; allowed: a whole number of at least 1",
            "Limits:NodesPerAccount (Limits__NodesPerAccount) is '-3'; allowed: a whole number of at least 1",
            "Limits:AnonymousNodesPerHour (Limits__AnonymousNodesPerHour) is '2.5'; allowed: a whole number of at least 1",
            "Limits:MineRequestsPerMinute (Limits__MineRequestsPerMinute) is '99999999999'; allowed: a whole number of at least 1");
    }

    [Fact]
    public void Bad_upload_settings_are_named_at_once()
    {
        using var gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string>
        {
            ["Uploads__ImageMaxBytes"] = "0",
            ["Uploads__UploadsPerHour"] = "lots",
            ["Uploads__DecodeTimeoutSeconds"] = "3600",
            ["Uploads__ThumbnailSize"] = "8",
        });

        SettingsRefusal.AssertRefused(gateway,
            "Uploads:ImageMaxBytes (Uploads__ImageMaxBytes) is '0'; allowed: a whole number of at least 1",
            "Uploads:UploadsPerHour (Uploads__UploadsPerHour) is 'lots'; allowed: a whole number of at least 1",
            "Uploads:DecodeTimeoutSeconds (Uploads__DecodeTimeoutSeconds) is '3600'; allowed: a whole number from 1 to 600",
            "Uploads:ThumbnailSize (Uploads__ThumbnailSize) is '8'; allowed: a whole number from 16 to 2048");
    }

    [Fact]
    public void Bad_live_settings_are_named_at_once()
    {
        using var gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string>
        {
            ["Live__FlushIntervalMs"] = "-5",
            ["Live__MaxStreamsPerUser"] = "0",
            ["Live__InlineSocketScheduling"] = "sometimes",
        });

        SettingsRefusal.AssertRefused(gateway,
            "Live:FlushIntervalMs (Live__FlushIntervalMs) is '-5'; allowed: a whole number from 1 to 10000",
            "Live:MaxStreamsPerUser (Live__MaxStreamsPerUser) is '0'; allowed: a whole number from 1 to 1000",
            "Live:InlineSocketScheduling (Live__InlineSocketScheduling) is 'sometimes'; allowed: true, false");
    }
}
