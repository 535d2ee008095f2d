using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Silo.Health;

public static class HealthEndpointExtensions
{
    public const string ReadyTag = "ready";

    /// <summary><c>/health/live</c>: the process answers; <c>/health/ready</c>: every check tagged ready passes.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
