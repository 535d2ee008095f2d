namespace Grains.Interfaces.Chat;

/// <summary>
/// Which gateway processes are alive (key 0). Each gateway registers its one observer and refreshes it;
/// a registration not refreshed before it expires is dropped, so a dead gateway is forgotten.
/// Read by shards at most every few seconds, written by gateways every refresh interval: not a hot path.
/// </summary>
[Alias("Chat.IGatewayDirectoryGrain")]
public interface IGatewayDirectoryGrain : IGrainWithIntegerKey
{
    Task RegisterAsync(string gatewayId, ILiveGatewayObserver observer, TimeSpan timeToLive);

    Task UnregisterAsync(string gatewayId);

    Task<GatewayRegistration[]> GetActiveAsync();
}
