using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.Http.OpenApi;

/// <summary>
/// Declares the bearer scheme and, on every operation, whether it needs a token (<c>RequireAuthorization</c>), takes
/// none (<c>AllowAnonymous</c>), or may carry one (writes that create a chain node owned by the caller, rate limits
/// counted per account).
/// </summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Scheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from POST /api/auth/token. Browsers' EventSource may pass it as ?access_token= on /api/live.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] };
        if (metadata.OfType<IAllowAnonymous>().Any())
            operation.Security = [];
        else if (metadata.OfType<IAuthorizeData>().Any())
            operation.Security = [bearer];
        else
            operation.Security = [new OpenApiSecurityRequirement(), bearer];
        return Task.CompletedTask;
    }
}
