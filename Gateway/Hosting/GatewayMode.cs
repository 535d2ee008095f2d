namespace Gateway.Hosting;

public enum GatewayMode
{
    /// <summary>Hosts a silo in this process (the default: no setup needed).</summary>
    Embedded,

    /// <summary>An Orleans client that finds the silos through the membership table.</summary>
    Client,
}
