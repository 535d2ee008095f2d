using System.Text.Json.Serialization;

namespace Gateway.Endpoints.Requests;

/// <summary>Body of <c>PUT /api/groups/{id}/read</c>.</summary>
public sealed record ReadRequest([property: JsonPropertyName("seq")] long? Seq);
