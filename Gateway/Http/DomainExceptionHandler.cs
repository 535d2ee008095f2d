using System.Globalization;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Http;

/// <summary>
/// The one place where domain refusals become HTTP: status from <see cref="ErrorKind"/>, a problem-details
/// body with the rule's code, and Retry-After where the domain gave one.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.PaymentRequired => StatusCodes.Status402PaymentRequired,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException badRequest)
        {
            var (status, code, detail) = BadRequestClassifier.Classify(badRequest);
            return await WriteAsync(httpContext, exception, status, code, detail, null);
        }

        if (exception is not DomainException domain)
            return false;

        return await WriteAsync(httpContext, exception, StatusFor(domain.Kind), domain.Code, domain.Message, domain.RetryAfter, domain.Details, domain.Terms);
    }

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, int status, string code, string detail, TimeSpan? retryAfter,
        IReadOnlyDictionary<string, long>? details = null, IReadOnlyDictionary<string, string>? terms = null)
    {
        httpContext.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = code,
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        };
        foreach (var (name, value) in details ?? new Dictionary<string, long>())
            context.ProblemDetails.Extensions[name] = value;
        foreach (var (name, value) in terms ?? new Dictionary<string, string>())
            context.ProblemDetails.Extensions[name] = value;
        await problemDetails.WriteAsync(context);
        return true;
    }
}
