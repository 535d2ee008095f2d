namespace Gateway.Tests.Http.Fuzz;

/// <summary>The JSON kind of a parameter or body field, as an OpenAPI schema declares it (ignoring "null").</summary>
public enum ApiKind
{
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}
