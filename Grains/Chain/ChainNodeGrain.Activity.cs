using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;

namespace Grains.Chain;

public sealed partial class ChainNodeGrain
{
    /// <summary>The most transactions <see cref="GetSentAsync"/> looks for at once (a red packet's largest book).</summary>
    public const int MaxSentCount = 100_001;

    public Task<IReadOnlyList<TransactionStatus>> GetActivityAsync(string address, int limit)
    {
        RequireCreated();
        return Task.FromResult(AddressActivity.Of(address, _tree, _mempool, Math.Clamp(limit, 1, 1_000)));
        }

    public Task<IReadOnlyDictionary<long, TransactionStatus>> GetSentAsync(string sender, long fromNonce, int count)
    {
        RequireCreated();
        if (fromNonce < 0 || count is < 1 or > MaxSentCount)
            throw DomainException.Invalid(ErrorCodes.ParameterInvalid, $"fromNonce must be 0 or more and count 1 to {MaxSentCount}.");
        return Task.FromResult(AddressActivity.SentBy(sender, fromNonce, count, _tree, _mempool));
    }
}
