using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;

namespace Gateway.Http;

/// <summary>
/// Failures that pass by themselves (the database is down, a silo just died, the cluster is not reached
/// yet) become 503 with Retry-After instead of 500, so clients and load balancers retry. Nothing was
/// acknowledged, so a retry is safe (chat posts carry a client id for exactly that).
/// </summary>
public sealed class TransientFailureExceptionHandler(IProblemDetailsService problemDetails, ILogger<TransientFailureExceptionHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var reason = Classify(exception);
        if (reason is null)
            return false;

        logger.LogWarning(exception, "Transient failure ({Reason}) on {Method} {Path}; answered 503", reason, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "unavailable",
                Detail = $"The service is briefly unavailable ({reason}); nothing was changed. Retry after {RetryAfterSeconds} seconds.",
                Extensions = { ["code"] = "unavailable", ["retryAfterSeconds"] = RetryAfterSeconds },
            },
        });
        return true;
    }

    /// <summary>A short reason when <paramref name="exception"/> (or what it wraps) is transient; otherwise null.</summary>
    public static string? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case NpgsqlException or SocketException:
                    return "database unavailable";
                case SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException:
                    return "cluster member unavailable";
                case TimeoutException:
                    return "cluster call timed out";
                // The silo the call reached was just declared dead and has not noticed yet (a partition healed):
                // it is about to step down, and a retry lands on a live silo.
                case OrleansException when current.Message.Contains("on invalid silo", StringComparison.Ordinal):
                    return "cluster member unavailable";
                // A grain call the cluster gave up on (e.g. "message expired before placement could complete" while a
                // partition keeps a silo unreachable). A client that went away needs no answer at all.
                case OperationCanceledException:
                    return "cluster call abandoned";
                case UnavailableExceptionFallbackException fallback when fallback.ExceptionType?.Contains("Npgsql", StringComparison.Ordinal) == true:
                    return "database unavailable";
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
                return aggregate.InnerExceptions.Select(Classify).FirstOrDefault(r => r is not null);
        }

        return null;
    }
}
