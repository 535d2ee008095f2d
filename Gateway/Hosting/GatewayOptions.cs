using System.ComponentModel.DataAnnotations;

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

    /// <summary>
    /// How long one attempt of a retry-safe call (a chat post with a client id) may take before the gateway sends it
    /// again: a call to a grain on a silo that just died gets no answer, and the next attempt reaches the grain's
    /// new activation once the silo is declared dead. The client id makes a repeated post return the first result.
    /// </summary>
    [Range(1, 600)]
    public int RetryAttemptSeconds { get; set; } = 2;

    /// <summary>How long the gateway keeps retrying a retry-safe call before it answers 503 with Retry-After.</summary>
    [Range(0, 600)]
    public int RetryBudgetSeconds { get; set; } = 8;
}
