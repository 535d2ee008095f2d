using Gateway.Http;
using Grains.Interfaces.Errors;

namespace Gateway.Http;

/// <summary>Runs after routing: refuses a request whose route values break <see cref="RouteIdRules"/> with 400 <c>id_invalid</c>.</summary>
public sealed class RouteIdValidation(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, raw) in context.Request.RouteValues)
        {
            if (raw is not string value)
                continue;
            if (RouteIdRules.Check(name, value) is { } problem)
                throw DomainException.Invalid(ErrorCodes.IdInvalid, $"'{name}' is not valid: {problem}.");
        }

        return next(context);
    }
}
