using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.Http.OpenApi;

/// <summary>
/// Puts each operation's <see cref="OperationExample"/> on its request body, or else on its success response, in the
/// API's own JSON dialect; and gives every path parameter an example value, so even a body-less operation shows one.
/// </summary>
public sealed class ExampleTransformer : IOpenApiOperationTransformer
{
    private static readonly JsonSerializerOptions Json = ApiJson.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static readonly Dictionary<string, JsonNode> PathExamples = new(StringComparer.Ordinal)
    {
        ["id"] = ApiExamples.GroupId,
        ["user"] = "lisi",
        ["node"] = "zhangsan",
        ["seq"] = 1205,
        ["tx"] = "c0b362ce9860326d1711c1e5f353c1ce22e7a3268aff74697f8cdb2150811a23",
        ["hash"] = "00009d5a0c2dab895a14ab412c27f6ac6d4dadab6d335d9171e0c6b5e8e9a41d",
        ["address"] = "ed796d7cbb56bd305c4413182e83823b280786c7",
        ["packet"] = "9f86d081884c7d65",
        ["upload"] = "3f1c9a0e5b7d4e21a8c6f0b2d9e4a715",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Path } path && path.Name is { } name && PathExamples.TryGetValue(name, out var value))
                path.Example = value.DeepClone();
        }

        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<OperationExample>().LastOrDefault() is not { } example)
            return Task.CompletedTask;
        var node = example.Value is string text ? JsonValue.Create(text) : JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), Json);
        // A multipart body (an upload) is bytes: the example is of the answer.
        var body = operation.RequestBody?.Content is { } requestContent && !requestContent.ContainsKey("multipart/form-data") ? requestContent : null;
        var content = body
            ?? operation.Responses?.Where(r => r.Key.StartsWith('2')).Select(r => r.Value.Content).FirstOrDefault(c => c is { Count: > 0 });
        if (content is not null)
        {
            foreach (var media in content.Values)
                media.Example = node?.DeepClone();
        }

        return Task.CompletedTask;
    }
}
