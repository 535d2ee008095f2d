using Grains.Interfaces.Errors;

namespace Gateway.Http;

/// <summary>Refuses a request naming every required body field that is absent (or blank), in the API's own spelling.</summary>
public static class RequiredFields
{
    public static void Check(string code, string message, params (string Name, object? Value)[] fields)
    {
        var missing = fields.Where(f => f.Value is null || (f.Value is string s && string.IsNullOrWhiteSpace(s))).Select(f => f.Name).ToList();
        if (missing.Count > 0)
            throw DomainException.Invalid(code, $"{message}: {string.Join(", ", missing)}");
    }

    public static void Check(params (string Name, object? Value)[] fields) => Check(ErrorCodes.MissingFields, "missing fields", fields);
}
