using Grains.Interfaces.Accounts;
using Grains.Interfaces.Errors;

namespace Gateway.Limits;

/// <summary>
/// Counted quotas per account (groups owned, chain nodes created). The count lives in the account's grain, so it
/// holds across every gateway; a creation that fails gives its unit back.
/// </summary>
public sealed class AccountQuotas(IGrainFactory grains, LimitOptions limits)
{
    public const string Groups = "groups";
    public const string Nodes = "nodes";

    /// <summary>Runs <paramref name="create"/> if the account has quota left for <paramref name="resource"/>; 403 otherwise.</summary>
    public async Task<T> CreateWithinAsync<T>(string userId, string resource, Func<Task<T>> create)
    {
        var (limit, code) = resource == Groups ? (limits.GroupsPerAccount, ErrorCodes.GroupQuotaExceeded) : (limits.NodesPerAccount, ErrorCodes.NodeQuotaExceeded);
        var account = grains.GetGrain<IAccountGrain>(userId);
        if (!await account.TryReserveAsync(resource, limit))
            throw DomainException.Forbidden(code, $"An account may create at most {limit} {resource}.");
        try
        {
            return await create();
        }
        catch
        {
            await account.ReleaseAsync(resource);
            throw;
        }
    }

    /// <summary>Gives a unit back: the thing was not created by this account after all (someone else was first).</summary>
    public Task ReleaseAsync(string userId, string resource) => grains.GetGrain<IAccountGrain>(userId).ReleaseAsync(resource);
}
