using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Http;

/// <summary>
/// The one JSON dialect of the HTTP API: snake_case names (the tutorial's own keys are snake_case), enums as
/// snake_case strings, and numbers only as JSON numbers (<c>"amount": "5"</c> is refused). Grain contracts carry no
/// naming attributes; this policy names them. Also used for what the gateway serialises itself (live frames).
/// </summary>
public static class ApiJson
{
    /// <summary>For frames written outside the framework's formatters (live events): the same dialect, nulls left out.</summary>
    public static JsonSerializerOptions Frames { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }
}
