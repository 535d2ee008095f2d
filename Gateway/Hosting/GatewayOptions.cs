namespace Gateway.Hosting;

/// <summary>Settings under <c>Gateway</c> (environment: <c>Gateway__Name</c>).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    public GatewayMode Mode { get; set; } = GatewayMode.Embedded;
}
