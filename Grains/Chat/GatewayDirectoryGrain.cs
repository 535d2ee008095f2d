using Grains.Interfaces.Chat;

namespace Grains.Chat;

/// <summary>
/// Live gateways and their observers, in memory: after a restart, gateways re-register within one
/// refresh interval. Expired registrations are dropped when read.
/// </summary>
public sealed class GatewayDirectoryGrain(TimeProvider clock) : Grain, IGatewayDirectoryGrain
{
    private readonly Dictionary<string, GatewayRegistration> _gateways = new(StringComparer.Ordinal);

    public Task RegisterAsync(string gatewayId, ILiveGatewayObserver observer, TimeSpan timeToLive)
    {
        _gateways[gatewayId] = new GatewayRegistration(gatewayId, observer, clock.GetUtcNow() + timeToLive);
        return Task.CompletedTask;
    }

    public Task UnregisterAsync(string gatewayId)
    {
        _gateways.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public Task<GatewayRegistration[]> GetActiveAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _gateways.Values.Where(g => g.ExpiresAt <= now).ToArray())
            _gateways.Remove(expired.GatewayId);
        return Task.FromResult(_gateways.Values.ToArray());
    }
}
