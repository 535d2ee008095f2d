using Grains.Interfaces.Accounts;
using Grains.Interfaces.Errors;
using Grains.Storage;

namespace Grains.Accounts;

public sealed class AccountGrain(
    [PersistentState("account", StorageNames.State)] IPersistentState<AccountState> state,
    TimeProvider clock) : Grain, IAccountGrain
{
    public async Task<AccountRecord> CreateAsync(string username, string passwordHash)
    {
        if (state.State.Account is not null)
            throw DomainException.Conflict("username_taken", $"The username {username} is taken.");
        if (AccountNames.UserIdFor(username) != this.GetPrimaryKeyString())
            throw DomainException.Invalid("username_mismatch", "The account key must be the username in lower case.");

        state.State.Account = new AccountRecord(AccountNames.UserIdFor(username), username, passwordHash, clock.GetUtcNow());
        await state.WriteStateAsync();
        return state.State.Account;
    }

    public Task<AccountRecord?> GetAsync() => Task.FromResult(state.State.Account);
}
