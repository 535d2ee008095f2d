using Grains.Interfaces.Accounts;
using Grains.Storage;

namespace Grains.Accounts;

public sealed class UsernameSkeletonGrain(
    [PersistentState("skeleton", StorageNames.State)] IPersistentState<UsernameSkeletonState> state) : Grain, IUsernameSkeletonGrain
{
    public async Task<string> ClaimAsync(string userId)
    {
        if (state.State.Owner is { } owner)
            return owner;
        state.State.Owner = userId;
        await state.WriteStateAsync();
        return userId;
    }
}
