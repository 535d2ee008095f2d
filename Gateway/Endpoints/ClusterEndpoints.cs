using Grains.Interfaces.Cluster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Endpoints;

public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cluster").WithTags("Cluster");
        group.MapGet("/silo", GetSilo)
            .WithName("GetServingSilo")
            .WithSummary("Which silo served this request (a grain call through the cluster).");
        return group;
    }

    private static async Task<Ok<SiloInfo>> GetSilo(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IClusterInfoGrain>(0).GetSiloAsync());
}
