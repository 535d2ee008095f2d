using System.Text;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>A request body as bytes on the wire, with the content type it is sent under (null: no header); <see cref="None"/> sends no content.</summary>
public sealed record FuzzBody(string Label, byte[]? Bytes, string? ContentType)
{
    public const string Json = "application/json";

    public static FuzzBody None { get; } = new("none", null, null);

    public static FuzzBody Text(string label, string text, string? contentType = Json) => new(label, Encoding.UTF8.GetBytes(text), contentType);

    /// <summary>The body as text for a report, cut to <paramref name="max"/> characters with control characters made visible.</summary>
    public string Excerpt(int max = 160)
    {
        if (Bytes is null)
            return "(no body)";
        var text = Encoding.UTF8.GetString(Bytes);
        var cut = text.Length > max ? text[..max] + $"… ({Bytes.Length} bytes)" : text;
        var visible = new StringBuilder(cut.Length);
        foreach (var c in cut)
            visible.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return visible.ToString();
    }
}
