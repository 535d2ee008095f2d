namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// One operation of the OpenAPI document. Route parameters come from the <c>{...}</c> segments of the template (the
/// document leaves some undeclared); query parameters and the body's fields from what the document declares.
/// </summary>
public sealed record ApiOperation(string Method, string Template, IReadOnlyList<string> RouteParameters, IReadOnlyList<ApiField> QueryParameters, IReadOnlyList<ApiField>? BodyFields)
{
    public bool DeclaresBody => BodyFields is not null;

    public bool Mines => Template.EndsWith("/mine", StringComparison.Ordinal);

    /// <summary>The live stream (Server-Sent Events).</summary>
    public bool IsStreamRoute => Template.StartsWith("/api/live", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Template}";
}
