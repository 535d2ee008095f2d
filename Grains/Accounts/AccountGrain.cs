using Grains.Interfaces.Accounts;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Grains.Accounts;

public sealed class AccountGrain(
    [PersistentState("account", StorageNames.State)] IPersistentState<AccountState> state,
    TimeProvider clock,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    // Failed sign-ins are counted in memory: an activation lives as long as someone keeps trying.
    private readonly FailureWindow _failures = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Accounts registered before skeletons were claimed claim theirs now, so later look-alikes are refused.
        if (state.State.Account is { } account)
        {
            try
            {
                await ClaimSkeletonAsync(account.UserId);
            }
            catch (Exception ex) when (ex is not DomainException)
            {
                logger.LogWarning(ex, "Account {User}: claiming its confusable skeleton failed; retried at next activation", account.UserId);
            }
        }
    }

    public async Task<AccountRecord> CreateAsync(string username, string passwordHash)
    {
        if (!AccountNames.TryCanonicalize(username, out var name, out var userId))
            throw DomainException.Invalid(ErrorCodes.UsernameInvalid, $"username must be {AccountNames.Rule}.");
        if (userId != this.GetPrimaryKeyString())
            throw DomainException.Invalid(ErrorCodes.UsernameMismatch, "The account key must be the user id of the username.");
        if (state.State.Account is not null)
            throw DomainException.Conflict(ErrorCodes.UsernameTaken, $"The username {name} is taken.");
        if (await ClaimSkeletonAsync(userId) != userId)
            throw DomainException.Conflict(ErrorCodes.UsernameConfusable, $"The username {name} looks too much like an existing username; choose another.");

        state.State.Account = new AccountRecord(userId, name, passwordHash, clock.GetUtcNow(), Guid.NewGuid().ToString("N"));
        await state.WriteStateAsync();
        return state.State.Account;
    }

    public Task<AccountRecord?> GetAsync() => Task.FromResult(state.State.Account);

    public Task<SignInTicket> BeginSignInAsync(SignInLimit limit)
    {
        var wait = _failures.WaitBeforeAttempt(clock.GetUtcNow(), limit.MaxFailures, limit.Window);
        return Task.FromResult(wait is { } retryAfter ? new SignInTicket(null, retryAfter) : new SignInTicket(state.State.Account, null));
    }

    public Task SignInFailedAsync()
    {
        _failures.Record(clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public async Task ReplacePasswordHashAsync(string expected, string replacement)
    {
        if (state.State.Account is not { } account || account.PasswordHash != expected)
            return;
        state.State.Account = account with { PasswordHash = replacement };
        await state.WriteStateAsync();
    }

    public async Task<bool> TryReserveAsync(string resource, int limit)
    {
        var taken = state.State.Reserved.GetValueOrDefault(resource);
        if (taken >= limit)
            return false;
        state.State.Reserved[resource] = taken + 1;
        await state.WriteStateAsync();
        return true;
    }

    public async Task ReleaseAsync(string resource)
    {
        if (state.State.Reserved.GetValueOrDefault(resource) is > 0 and var taken)
        {
            state.State.Reserved[resource] = taken - 1;
            await state.WriteStateAsync();
        }
    }

    private Task<string> ClaimSkeletonAsync(string userId) =>
        GrainFactory.GetGrain<IUsernameSkeletonGrain>(ConfusableSkeleton.Of(userId)).ClaimAsync(userId);
}
