using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// JSON written by hand, because the interesting bodies are ones a serializer will not write: numbers that fit no
/// type (<c>1e400</c>), lone surrogates, duplicate keys, nesting deeper than any parser allows.
/// </summary>
public static class RawJson
{
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string with non-ASCII text left as UTF-8, as most clients send it.</summary>
    public static string String(string value) => JsonSerializer.Serialize(value, Raw);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Object(IEnumerable<(string Name, string Raw)> members) =>
        "{" + string.Join(",", members.Select(m => String(m.Name) + ":" + m.Raw)) + "}";

    public static string Array(IEnumerable<string> items) => "[" + string.Join(",", items) + "]";

    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}
