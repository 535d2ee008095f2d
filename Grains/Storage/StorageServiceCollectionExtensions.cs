using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grains.Storage;

/// <summary>Registers the project's own stores: PostgreSQL in cluster mode, memory when embedded.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddPostgresStores(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IBlockStore, PostgresBlockStore>();
        return services;
    }

    public static IServiceCollection AddMemoryStores(this IServiceCollection services)
    {
        services.AddSingleton<IBlockStore, MemoryBlockStore>();
        return services;
    }
}
