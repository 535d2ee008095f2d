using Grains.Interfaces.Chain;

namespace Grains.Chain;

public sealed partial class ChainNodeGrain
{
    public Task<IReadOnlyList<TransactionStatus>> GetActivityAsync(string address, int limit)
    {
        RequireCreated();
        return Task.FromResult(AddressActivity.Of(address, _tree, _mempool, Math.Clamp(limit, 1, 1_000)));
    }
}
