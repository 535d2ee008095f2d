using Grains.Interfaces.Chat;

namespace Gateway.Live;

/// <summary>
/// Registers this process's one observer in the gateway directory and refreshes it well before it expires;
/// if this process dies, the registration lapses and shards stop pushing here.
/// </summary>
public sealed class LiveRegistration(LiveHub hub, GatewayIdentity identity, IGrainFactory grains, ILogger<LiveRegistration> logger) : BackgroundService
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(20);

    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ILiveGatewayObserver? _reference;

    /// <summary>Completes once the first registration succeeded.</summary>
    public Task Registered => _registered.Task;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGrain<IGatewayDirectoryGrain>(0).UnregisterAsync(identity.Id).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "Could not unregister gateway {Gateway}; its registration will expire", identity.Id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = grains.CreateObjectReference<ILiveGatewayObserver>(hub);
        var directory = grains.GetGrain<IGatewayDirectoryGrain>(0);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = RefreshInterval;
            try
            {
                await directory.RegisterAsync(identity.Id, _reference, TimeToLive);
                if (_registered.TrySetResult())
                    logger.LogDebug("Gateway {Gateway} registered for live delivery", identity.Id);
                else
                    hub.SendHeartbeats();
            }
            // Anything but this service's own stop is retried, a grain call the cluster abandoned (OperationCanceledException,
            // e.g. during a partition) included: an escaped exception would stop the whole gateway.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Registering gateway {Gateway} for live delivery failed; retrying", identity.Id);
                wait = TimeSpan.FromSeconds(1);
            }

            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
