using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TestSupport;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The real Gateway (embedded silo, memory storage) over its real HTTP pipeline, on free silo ports so
/// test runs on one machine do not collide; one per test class.
/// </summary>
public sealed class ChatGatewayFactory : WebApplicationFactory<Program>
{
    public const string SigningKey = "chat-gateway-tests-signing-key-0123456789";

    private readonly Dictionary<string, string?> _extra = [];

    /// <summary>An extra setting (configuration key with ':'), applied before the host starts.</summary>
    public ChatGatewayFactory With(string key, string? value)
    {
        _extra[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Gateway:Mode", "Embedded");
        builder.UseSetting("Cluster:Membership", "Localhost");
        builder.UseSetting("Cluster:Storage", "Memory");
        builder.UseSetting("Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Auth:AttemptsPerMinute", "100000");
        foreach (var (key, value) in _extra)
            builder.UseSetting(key, value);
    }
}
