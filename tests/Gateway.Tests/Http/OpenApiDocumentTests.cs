using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Http;

/// <summary>The OpenAPI document is the one contract clients build on: every operation says its errors, its security, its parameters.</summary>
public sealed partial class OpenApiDocumentTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(m => Methods.Contains(m.Name))
            .Select(m => (path.Name, m.Name, m.Value)));

    [Fact]
    public async Task Every_operation_documents_its_problem_responses_a_description_and_an_example()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 45, $"only {operations.Count} operations");
        var problems = new List<string>();
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            var errors = responses.Where(r => r.Name.StartsWith('4') || r.Name.StartsWith('5')).ToList();
            if (errors.Count == 0)
                problems.Add($"{where} documents no error response");
            problems.AddRange(errors.Where(e => !e.Value.GetProperty("content").TryGetProperty("application/problem+json", out _)).Select(e => $"{where} {e.Name} is not problem details"));
            if (!operation.TryGetProperty("summary", out _) || !operation.TryGetProperty("description", out _))
                problems.Add($"{where} has no summary or description");
            if (!HasExample(operation))
                problems.Add($"{where} has no example");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_operation_declares_its_security_and_the_bearer_scheme_exists()
    {
        var document = await DocumentAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        foreach (var (path, method, operation) in Operations(document))
        {
            Assert.True(operation.TryGetProperty("security", out var security), $"{method} {path} declares no security");
            var needsToken = path.StartsWith("/api/groups", StringComparison.Ordinal) || path.StartsWith("/api/me/", StringComparison.Ordinal) || path == "/api/live"
                || path.StartsWith("/api/uploads", StringComparison.Ordinal)
                || (path.StartsWith("/api/nodes/{node}", StringComparison.Ordinal) && (method, path) is ("put", "/api/nodes/{node}") or (_, "/api/nodes/{node}/mining") or (_, "/api/nodes/{node}/settings"));
            var required = security.GetArrayLength() == 1 && security[0].TryGetProperty("Bearer", out _);
            Assert.True(needsToken == required, $"{method} {path}: security {security}");
        }

        foreach (var (path, method, operation) in Operations(document).Where(o => o.Path.StartsWith("/api/accounts", StringComparison.Ordinal) || o.Path.StartsWith("/api/auth", StringComparison.Ordinal)))
            Assert.Equal(0, operation.GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task Every_path_parameter_is_declared_on_its_operations()
    {
        var document = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            var inPath = PathParameter().Matches(path).Select(m => m.Groups[1].Value.Split(':')[0]).ToHashSet();
            var declared = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()).ToHashSet()
                : [];
            Assert.True(inPath.SetEquals(declared!), $"{method} {path}: path has {string.Join(",", inPath)}, declared {string.Join(",", declared)}");
        }
    }

    [Fact]
    public async Task No_two_types_share_a_schema_name_and_every_property_is_snake_case()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas").EnumerateObject().ToList();
        Assert.NotEmpty(schemas);
        foreach (var schema in schemas)
        {
            // The generator suffixes a second type of the same name with a number (AccountView2).
            Assert.False(CollisionSuffix().IsMatch(schema.Name), $"schema name {schema.Name} looks like a collision");
            foreach (var property in Properties(schema.Value))
                Assert.True(SnakeCase().IsMatch(property), $"{schema.Name}.{property} is not snake_case");
        }

        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var parameter in operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : Enumerable.Empty<JsonElement>())
                Assert.True(SnakeCase().IsMatch(parameter.GetProperty("name").GetString()!), $"{method} {path}: parameter {parameter.GetProperty("name")}");
        }
    }

    [Fact]
    public async Task The_live_stream_is_typed_as_server_sent_events_and_resolve_promises_neither_chain_field()
    {
        var document = await DocumentAsync();
        var live = document.GetProperty("paths").GetProperty("/api/live").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(live.TryGetProperty("text/event-stream", out _), live.ToString());

        var resolved = document.GetProperty("components").GetProperty("schemas").GetProperty("TutorialResolved");
        var required = resolved.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToList() : [];
        Assert.DoesNotContain("new_chain", required);
        Assert.DoesNotContain("chain", required);
    }

    [Fact]
    public async Task The_api_reference_at_docs_renders_from_the_gateway_without_any_cdn()
    {
        using var client = factory.CreateClient();
        var page = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.DoesNotContain("//", script, StringComparison.Ordinal);
            var asset = await client.GetAsync("/docs/" + script);
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{script}: {(int)asset.StatusCode}");
        }
    }

    private static bool HasExample(JsonElement operation)
    {
        var text = operation.ToString();
        return text.Contains("\"example\"", StringComparison.Ordinal);
    }

    private static IEnumerable<string> Properties(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            yield break;
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                yield return property.Name;
                foreach (var nested in Properties(property.Value))
                    yield return nested;
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            foreach (var nested in Properties(items))
                yield return nested;
        }
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"\D\d+$")]
    private static partial Regex CollisionSuffix();

    [GeneratedRegex(@"\A[a-z0-9]+(_[a-z0-9]+)*\z")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"<script[^>]*\ssrc=""([^""]+)""")]
    private static partial Regex ScriptSource();
}
