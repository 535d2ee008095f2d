namespace Gateway.Live;

/// <summary>This gateway process's id in the gateway directory: new for every process, so a restart is a new gateway.</summary>
public sealed class GatewayIdentity
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
