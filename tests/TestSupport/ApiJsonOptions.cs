using System.Text.Json;
using System.Text.Json.Serialization;

namespace TestSupport;

/// <summary>How a client reads and writes the API's JSON: snake_case names, enums as snake_case strings.</summary>
public static class ApiJsonOptions
{
    public static JsonSerializerOptions Instance { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
