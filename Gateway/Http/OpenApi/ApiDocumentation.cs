namespace Gateway.Http.OpenApi;

/// <summary>Conventions that put each operation's errors, example and description into the OpenAPI document.</summary>
public static class ApiDocumentation
{
    /// <summary>Documents problem-details answers (each has a <c>code</c>) for the given statuses.</summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        return builder;
    }

    public static TBuilder WithExample<TBuilder>(this TBuilder builder, object example)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OperationExample(example));
}
