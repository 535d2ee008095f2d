using Grains.Interfaces.Errors;

namespace Gateway.Http;

/// <summary>
/// The code a problem-details body carries when nothing more specific named the rule (a 404 for an unknown
/// route, a 401 challenge, a 405): every error body has a stable, machine-readable <c>code</c>.
/// </summary>
public static class ProblemCodes
{
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.BadRequest,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthenticated,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
        StatusCodes.Status406NotAcceptable => ErrorCodes.NotAcceptable,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status411LengthRequired => ErrorCodes.LengthRequired,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.BodyTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity => ErrorCodes.Unprocessable,
        StatusCodes.Status429TooManyRequests => ErrorCodes.TooManyRequests,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
        >= 500 => ErrorCodes.InternalError,
        _ => ErrorCodes.Error,
    };

    /// <summary>Adds the status's default code to a problem that has none.</summary>
    public static void AddDefaultCode(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        context.ProblemDetails.Extensions.TryAdd("code", ForStatus(status));
        context.ProblemDetails.Title ??= ForStatus(status);
        if (status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
        {
            var sent = context.HttpContext.Request.ContentType is { Length: > 0 } type ? $"Content-Type {type}" : "A body without a Content-Type";
            context.ProblemDetails.Detail = $"{sent} is not accepted here: JSON routes take application/json, uploads multipart/form-data.";
        }
    }
}
