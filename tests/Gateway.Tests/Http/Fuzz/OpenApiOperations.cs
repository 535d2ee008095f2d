using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>Reads every operation (path × method) out of an OpenAPI 3.x document, resolving schema references.</summary>
public static partial class OpenApiOperations
{
    private static readonly HashSet<string> Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public static IReadOnlyList<ApiOperation> Parse(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var found) ? found : default;
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var routeParameters = RouteParameter().Matches(path.Name).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var query = new List<ApiField>();
                if (operation.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                    {
                        var schema = parameter.TryGetProperty("schema", out var s) ? s : default;
                        query.Add(Field(parameter.GetProperty("name").GetString()!, schema, schemas, 0));
                    }
                }

                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, routeParameters, query, BodyOf(operation.Value, schemas)));
            }
        }

        return operations;
    }

    private static IReadOnlyList<ApiField>? BodyOf(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content))
            return null;
        foreach (var media in content.EnumerateObject())
        {
            if (media.Name.Contains("json", StringComparison.OrdinalIgnoreCase) && media.Value.TryGetProperty("schema", out var schema))
                return Field("body", schema, schemas, 0).Fields ?? [];
        }

        return [];
    }

    private static ApiField Field(string name, JsonElement schema, JsonElement schemas, int depth)
    {
        schema = Resolve(schema, schemas);
        if (schema.ValueKind != JsonValueKind.Object || depth > 5)
            return new ApiField(name, ApiKind.String);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var alternatives))
            {
                var chosen = alternatives.EnumerateArray().Select(a => Resolve(a, schemas)).FirstOrDefault(a => TypeOf(a) != "null");
                if (chosen.ValueKind == JsonValueKind.Object)
                    return Field(name, chosen, schemas, depth + 1);
            }
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return TypeOf(schema) switch
        {
            "integer" => new ApiField(name, ApiKind.Integer, format),
            "number" => new ApiField(name, ApiKind.Number, format),
            "boolean" => new ApiField(name, ApiKind.Boolean, format),
            "array" => new ApiField(name, ApiKind.Array, format,
                Items: schema.TryGetProperty("items", out var items) ? Field(name, items, schemas, depth + 1) : new ApiField(name, ApiKind.String)),
            "object" => new ApiField(name, ApiKind.Object, format, Fields: schema.TryGetProperty("properties", out var properties)
                ? properties.EnumerateObject().Select(p => Field(p.Name, p.Value, schemas, depth + 1)).ToArray()
                : []),
            _ => new ApiField(name, ApiKind.String, format),
        };
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        if (type.ValueKind == JsonValueKind.String)
            return type.GetString();
        var types = type.EnumerateArray().Select(t => t.GetString()).ToArray();
        return types.FirstOrDefault(t => t != "null") ?? "null";
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        for (var hops = 0; hops < 10 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            var name = reference.GetString()!.Split('/')[^1];
            if (schemas.ValueKind != JsonValueKind.Object || !schemas.TryGetProperty(name, out schema))
                return default;
        }

        return schema;
    }

    /// <summary>A <c>{name}</c> segment of a route template, with any constraint, default or catch-all marker stripped.</summary>
    [GeneratedRegex(@"\{\**([^}:?=]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
