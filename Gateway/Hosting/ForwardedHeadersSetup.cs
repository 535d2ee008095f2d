using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gateway.Hosting;

/// <summary>
/// ASP.NET Core's forwarded-headers middleware, trusting exactly the configured proxies: behind the load balancer
/// each client keeps its own address (sign-in limits, logs); a client connecting directly cannot claim another.
/// </summary>
public static class ForwardedHeadersSetup
{
    /// <summary>Parses <see cref="GatewayOptions.KnownProxies"/>; adds a message to <paramref name="problems"/> for each bad entry.</summary>
    public static ForwardedHeadersOptions Create(string? knownProxies, ICollection<string> problems)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };

        // The framework trusts loopback by default; a client on the same host could then claim any address.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in (knownProxies ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(entry, out var address))
                options.KnownProxies.Add(address);
            else if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
                options.KnownIPNetworks.Add(network);
            else
                problems.Add($"{GatewayOptions.Section}:KnownProxies (environment variable {GatewayOptions.Section}__KnownProxies): '{entry}' is not an IP address or CIDR network");
        }

        // The middleware checks the sender only while a proxy or network is listed: with both lists empty it believes
        // X-Forwarded-For from anyone. No proxy configured therefore means no forwarded header is read at all.
        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
            options.ForwardedHeaders = ForwardedHeaders.None;

        return options;
    }
}
