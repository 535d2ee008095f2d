using Grains.Interfaces.Accounts;
using Grains.Interfaces.Errors;

namespace Gateway.Auth;

/// <summary>When an operator password is configured, creates the operator's account once the cluster is reachable.</summary>
public sealed class OperatorAccount(OperatorOptions options, ReservedNames reserved, AccountPasswords passwords, IGrainFactory grains,
    ILogger<OperatorAccount> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Password))
            return;
        var account = grains.GetGrain<IAccountGrain>(reserved.OperatorId);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                if (await account.GetAsync() is null)
                {
                    await account.CreateAsync(options.Username, passwords.Hash(options.Password));
                    logger.LogInformation("Operator account {Operator} created", options.Username);
                }

                return;
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.UsernameTaken)
            {
                return;
            }
            // Anything but this service's own stop is retried, a grain call the cluster abandoned (OperationCanceledException,
            // e.g. during a partition) included: an escaped exception would stop the whole gateway.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Creating the operator account failed (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), stoppingToken);
            }
        }
    }
}
