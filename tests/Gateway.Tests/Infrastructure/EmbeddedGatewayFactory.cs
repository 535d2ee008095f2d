using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TestSupport;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The real Gateway pipeline in embedded mode (silo in process, memory storage) on free silo ports,
/// so several factories can run side by side.
/// </summary>
public class EmbeddedGatewayFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Cluster:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cluster:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cluster:ClusterId"] = "gw-tests-" + Guid.NewGuid().ToString("N")[..8],
    };

    /// <summary>Extra settings (configuration keys with ':'), applied before the host starts.</summary>
    public EmbeddedGatewayFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }
}
