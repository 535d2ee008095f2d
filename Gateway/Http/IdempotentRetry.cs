using Gateway.Hosting;
using Grains.Interfaces.Errors;

namespace Gateway.Http;

/// <summary>
/// Runs a call that is safe to repeat (the grain recognises a repeat and returns the first result) until it succeeds,
/// it fails for a reason a repeat cannot fix, or the budget is spent. An attempt that gets no answer within
/// <see cref="GatewayOptions.RetryAttemptSeconds"/> is abandoned and sent again, so a request caught by a silo's
/// death waits for the cluster to notice the death, not for the grain-call timeout.
/// </summary>
public sealed class IdempotentRetry(GatewayOptions options, TimeProvider clock, ILogger<IdempotentRetry> logger)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken aborted)
    {
        var attemptTimeout = TimeSpan.FromSeconds(options.RetryAttemptSeconds);
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(options.RetryBudgetSeconds);
        for (var attempt = 1; ; attempt++)
        {
            var pending = call();
            try
            {
                return await pending.WaitAsync(attemptTimeout, clock, aborted);
            }
            catch (Exception ex) when (!aborted.IsCancellationRequested && IsWorthRepeating(ex) && clock.GetUtcNow() + Pause < deadline)
            {
                // An abandoned attempt may still fail later; observe it so it is not reported as unobserved.
                if (!pending.IsCompleted)
                    _ = pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                logger.LogInformation("Attempt {Attempt} of a retry-safe call failed ({Reason}); sending it again", attempt, ex.GetType().Name);
                await Task.Delay(Pause, clock, aborted);
            }
        }
    }

    /// <summary>A failure that may pass: a silo or the database unreachable, no answer in time, a group that moved.</summary>
    public static bool IsWorthRepeating(Exception exception) =>
        exception is DomainException { Kind: ErrorKind.Unavailable } || TransientFailureExceptionHandler.Classify(exception) is not null;
}
