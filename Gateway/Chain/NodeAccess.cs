using System.Security.Claims;
using Gateway.Auth;
using Gateway.Limits;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;

namespace Gateway.Chain;

/// <summary>
/// A write to a node that does not exist yet creates it, owned by whoever asked: the signed-in account (within its
/// node quota) or, for an anonymous tutorial reader, the operator account (within the per-address creation limit).
/// </summary>
public sealed class NodeAccess(IGrainFactory grains, AccountQuotas quotas, AnonymousCreationLimiter anonymous, ReservedNames reserved)
{
    public async Task<IChainNodeGrain> ForWriteAsync(string nodeId, HttpContext http)
    {
        var node = grains.Node(nodeId);
        if (await node.ExistsAsync())
            return node;
        await CreateAsync(node, http.User, RatePolicies.AddressOf(http));
        return node;
    }

    /// <summary>Creates the node for <paramref name="user"/>; the summary says who owns it (someone else may have been first).</summary>
    public async Task<NodeSummary> CreateAsync(IChainNodeGrain node, ClaimsPrincipal user, string address)
    {
        if (user.Identity?.IsAuthenticated == true)
        {
            var userId = user.UserIdOf();
            var summary = await quotas.CreateWithinAsync(userId, AccountQuotas.Nodes, () => node.EnsureCreatedAsync(userId));
            if (summary.OwnerId != userId)
                await quotas.ReleaseAsync(userId, AccountQuotas.Nodes);
            return summary;
        }

        if (anonymous.TryAcquire(address) is { } wait)
        {
            throw DomainException.TooMany(ErrorCodes.NodeCreationLimited,
                "This address created too many chain nodes lately; sign in to create more (PUT /api/nodes/{node}) or use an existing node.", wait);
        }

        return await node.EnsureCreatedAsync(reserved.OperatorId);
    }
}
