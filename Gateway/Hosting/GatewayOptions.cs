namespace Gateway.Hosting;

/// <summary>Settings under <c>Gateway</c> (environment: <c>Gateway__Name</c>).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    public GatewayMode Mode { get; set; } = GatewayMode.Embedded;

    /// <summary>
    /// Addresses (or CIDR networks) of the load balancers in front, comma-separated. Only a connection from one of
    /// them may say who the client is (X-Forwarded-For); anyone else's header is ignored, so it cannot be spoofed.
    /// Empty: no proxy is trusted, not even on loopback.
    /// </summary>
    public string? KnownProxies { get; set; }
}
