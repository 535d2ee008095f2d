namespace Gateway.Live;

/// <summary>
/// When the gateway is asked to stop (SIGTERM), live streams would otherwise hold the shutdown open until its
/// timeout. This ends them at once with a reconnect hint, and from then on readiness reports "draining".
/// </summary>
public sealed class LiveShutdown(IHostApplicationLifetime lifetime, LiveHub hub, ILogger<LiveShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            logger.LogInformation("Stopping: closing {Count} live stream(s) with a reconnect hint", hub.Count);
            hub.CloseAllWithReconnectHint();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
