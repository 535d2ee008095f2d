namespace Gateway.Http.OpenApi;

/// <summary>
/// Endpoint metadata: one example for the OpenAPI document, shown on the request body when the operation takes one,
/// otherwise on its success response.
/// </summary>
public sealed record OperationExample(object Value);
