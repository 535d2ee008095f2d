namespace Gateway.Http;

/// <summary>
/// The code a problem-details body carries when nothing more specific named the rule (a 404 for an unknown
/// route, a 401 challenge, a 405): every error body has a stable, machine-readable <c>code</c>.
/// </summary>
public static class ProblemCodes
{
    public const string BadRequest = "bad_request";
    public const string BadJson = "bad_json";
    public const string BodyMissing = "body_missing";
    public const string BodyTooLarge = "body_too_large";
    public const string IdInvalid = "id_invalid";
    public const string Unauthenticated = "unauthenticated";
    public const string TooManyRequests = "too_many_requests";

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status406NotAcceptable => "not_acceptable",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status411LengthRequired => "length_required",
        StatusCodes.Status413PayloadTooLarge => BodyTooLarge,
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status422UnprocessableEntity => "unprocessable",
        StatusCodes.Status429TooManyRequests => TooManyRequests,
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        >= 500 => "internal_error",
        _ => "error",
    };

    /// <summary>Adds the status's default code to a problem that has none.</summary>
    public static void AddDefaultCode(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        context.ProblemDetails.Extensions.TryAdd("code", ForStatus(status));
        context.ProblemDetails.Title ??= ForStatus(status);
    }
}
