using System.Text.Json;
using Grains.Interfaces.Errors;

namespace Gateway.Chain;

/// <summary>
/// Reads a JSON request body with a size cap, so every bad body is a 4xx problem: too large (413),
/// missing, not JSON or the wrong shape (400). Minimal APIs' own binding is not used for these routes
/// because it cannot enforce a per-route cap under every server.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict };

    /// <summary>The body, or null when it is empty and <paramref name="optional"/>.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, bool optional = false)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
            throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw TooLarge();
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
            return optional ? null : throw DomainException.Invalid("body_missing", "this request needs a JSON body");
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options)
                ?? (optional ? null : throw DomainException.Invalid("body_missing", "this request needs a JSON object, not null"));
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
            throw DomainException.Invalid("bad_json", $"the body is not valid JSON for this request{where} (amounts and fees are whole numbers of units)");
        }
    }

    /// <summary>Refuses the request naming every required field that is absent.</summary>
    public static void Require(string code, string message, params (string Name, object? Value)[] fields)
    {
        var missing = fields.Where(f => f.Value is null || (f.Value is string s && string.IsNullOrWhiteSpace(s))).Select(f => f.Name).ToList();
        if (missing.Count > 0)
            throw DomainException.Invalid(code, $"{message}: {string.Join(", ", missing)}");
    }

    private static DomainException TooLarge() => DomainException.TooLarge("body_too_large", $"the body is larger than {MaxBytes} bytes");
}
