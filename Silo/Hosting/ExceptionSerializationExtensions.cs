using Orleans.Serialization;

namespace Silo.Hosting;

public static class ExceptionSerializationExtensions
{
    /// <summary>
    /// Lets database exceptions cross from silo to gateway intact. Without it a storage failure during a
    /// grain activation cannot be serialized, and the caller sees an unexplained error (a 500) instead of
    /// "the database is unavailable" (a 503 it can retry).
    /// </summary>
    public static IServiceCollection AddDatabaseExceptionSerialization(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("Npgsql"));
}
