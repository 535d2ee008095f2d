using System.Text.Json;
using Grains.Interfaces.Errors;

namespace Gateway.Http;

/// <summary>
/// What a framework-level bad request (<see cref="BadHttpRequestException"/> from binding or from the server's
/// body limits) was about, as the code and sentence the client sees.
/// </summary>
public static class BadRequestClassifier
{
    public static (int Status, string Code, string Detail) Classify(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return (exception.StatusCode, ErrorCodes.BodyTooLarge, "The request body is larger than this route accepts.");
        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return (exception.StatusCode, ProblemCodes.ForStatus(exception.StatusCode), "Send the body as application/json.");

        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                var where = json.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
                return (StatusCodes.Status400BadRequest, ErrorCodes.BadJson,
                    $"The body is not valid JSON for this request{where} (numbers are JSON numbers, not strings).");
            }
        }

        if (exception.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal))
            return (StatusCodes.Status400BadRequest, ErrorCodes.ParameterInvalid, exception.Message);

        // Binding says "Required parameter ... was not provided from body" for an empty body, or "Implicit body
        // inferred for parameter ... but no body was provided" when the parameter is bound from the body by inference.
        if (exception.Message.Contains("from body", StringComparison.Ordinal) || exception.Message.Contains("request body", StringComparison.Ordinal)
            || exception.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
            return (StatusCodes.Status400BadRequest, ErrorCodes.BodyMissing, "This request needs a JSON body.");
        return (exception.StatusCode, ProblemCodes.ForStatus(exception.StatusCode), exception.Message);
    }
}
