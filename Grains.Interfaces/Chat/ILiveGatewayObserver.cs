using Orleans.Concurrency;

namespace Grains.Interfaces.Chat;

/// <summary>The one observer each gateway process registers; it hands messages to its users' live connections.</summary>
[Alias("Chat.ILiveGatewayObserver")]
public interface ILiveGatewayObserver : IGrainObserver
{
    /// <summary>Delivers messages to the listed users if they are connected here. Push is best effort.</summary>
    [OneWay]
    Task DeliverAsync(LiveBatch batch);
}
