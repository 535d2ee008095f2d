using Gateway.Http.OpenApi;
using Grains.Interfaces.Cluster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Hosting;

/// <summary><c>/api/cluster</c>: what the cluster looks like from this gateway.</summary>
public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cluster").WithTags("Cluster").AllowAnonymous().ProducesErrors(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/silo", GetSilo)
            .WithName("GetServingSilo")
            .WithExample(new SiloInfo("S127.0.0.1:11111:123456789", "silo-1", new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero)))
            .WithSummary("Which silo served this request")
            .WithDescription("A grain call through the cluster: shows which silo answered (useful behind the load balancer and after a failover).");
        return group;
    }

    private static async Task<Ok<SiloInfo>> GetSilo(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IClusterInfoGrain>(0).GetSiloAsync());
}
