namespace Gateway.Tests.Http.Fuzz;

/// <summary>A query parameter or a body field: its name, kind and format, the item of an array, the fields of an object.</summary>
public sealed record ApiField(string Name, ApiKind Kind, string? Format = null, ApiField? Items = null, IReadOnlyList<ApiField>? Fields = null)
{
    public bool IsInt64 => Format == "int64";
}
