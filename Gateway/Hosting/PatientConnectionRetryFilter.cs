namespace Gateway.Hosting;

/// <summary>
/// Keeps trying to reach the cluster while the gateway starts (silos may come up after it),
/// instead of Orleans' default of giving up after a handful of attempts.
/// </summary>
public sealed class PatientConnectionRetryFilter(ILogger<PatientConnectionRetryFilter> logger) : IClientConnectionRetryFilter
{
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return false;

        _attempt++;
        logger.LogWarning("Cluster not reachable yet (attempt {Attempt}): {Reason}", _attempt, exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(_attempt, 5)), cancellationToken);
        return true;
    }
}
