using Gateway.Auth;
using Grains.Interfaces.Chain;
using Grains.Payments;
using Microsoft.Extensions.Options;

namespace Gateway.Payments;

/// <summary>
/// Makes sure the payments node exists (owned by the operator account) and, unless told otherwise, mines continuously,
/// so payments confirm. Every gateway does it at start; it is idempotent, and it retries until the cluster answers.
/// </summary>
public sealed class PaymentsNodeBootstrap(IGrainFactory grains, IOptions<PaymentOptions> options, ReservedNames reserved,
    ILogger<PaymentsNodeBootstrap> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var node = grains.GetGrain<IChainNodeGrain>(options.Value.PaymentsNode);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var summary = await node.EnsureCreatedAsync(reserved.OperatorId);
                if (options.Value.MinePaymentsNode && !summary.ContinuousMining && summary.OwnerId == reserved.OperatorId)
                    await node.SetMiningAsync(reserved.OperatorId, true);
                logger.LogDebug("Payments node {Node} ready", options.Value.PaymentsNode);
                return;
            }
            // Anything but this service's own stop is retried, a grain call the cluster abandoned (OperationCanceledException,
            // e.g. during a partition) included: an escaped exception would stop the whole gateway.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Preparing the payments node {Node} failed (attempt {Attempt}); retrying", options.Value.PaymentsNode, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), stoppingToken);
            }
        }
    }
}
