using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gateway.Hosting;

/// <summary>
/// ASP.NET Core's forwarded-headers middleware, trusting exactly the configured proxies: behind the load balancer
/// each client keeps its own address (sign-in limits, logs); a client connecting directly cannot claim another.
/// </summary>
public static class ForwardedHeadersSetup
{
    /// <summary>Trusts the proxies in <see cref="GatewayOptions.KnownProxies"/> and no one else.</summary>
    public static void Apply(ForwardedHeadersOptions options, string? knownProxies)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;

        // The framework trusts loopback by default; a client on the same host could then claim any address.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in Entries(knownProxies))
        {
            if (IPAddress.TryParse(entry, out var address))
                options.KnownProxies.Add(address);
            else if (TryParseNetwork(entry, out var network))
                options.KnownIPNetworks.Add(network);
        }

        // The middleware checks the sender only while a proxy or network is listed: with both lists empty it believes
        // X-Forwarded-For from anyone. No proxy configured therefore means no forwarded header is read at all.
        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
            options.ForwardedHeaders = ForwardedHeaders.None;
    }

    /// <summary>The entries of <paramref name="knownProxies"/> that are neither an IP address nor a CIDR network.</summary>
    public static IEnumerable<string> Unparsable(string? knownProxies) =>
        Entries(knownProxies).Where(entry => !IPAddress.TryParse(entry, out _) && !TryParseNetwork(entry, out _));

    private static string[] Entries(string? knownProxies) =>
        (knownProxies ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryParseNetwork(string entry, out System.Net.IPNetwork network)
    {
        network = default;
        return entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out network);
    }
}
