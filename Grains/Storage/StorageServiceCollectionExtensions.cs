using Grains.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Grains.Storage;

/// <summary>Registers the project's own stores: PostgreSQL in cluster mode, memory when embedded.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddPostgresStores(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IBlockStore, PostgresBlockStore>();
        services.AddSingleton<MessageBatchWriter>();
        services.AddSingleton<IMessageStore, PostgresMessageStore>();
        services.AddSingleton<IMemberStore, PostgresMemberStore>();
        services.AddSingleton<IGroupDirectory, PostgresGroupDirectory>();
        services.AddSingleton<IRedPacketStore, PostgresRedPacketStore>();
        services.TryAddSingleton<IUploadStore, PostgresUploadStore>();
        services.TryAddSingleton<IJoinPolicy, OpenJoinPolicy>();
        return services;
    }

    /// <summary>
    /// A gateway in client mode writes uploads itself (the bytes never pass through a grain): the same PostgreSQL
    /// the silos use, or nothing when the cluster keeps its state in memory (each silo process has its own then).
    /// </summary>
    public static IServiceCollection AddPostgresUploadStore(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.TryAddSingleton<IUploadStore, PostgresUploadStore>();
        return services;
    }

    public static IServiceCollection AddMemoryStores(this IServiceCollection services)
    {
        services.AddSingleton<IBlockStore, MemoryBlockStore>();
        services.AddSingleton<IMessageStore, InMemoryMessageStore>();
        services.AddSingleton<IMemberStore, InMemoryMemberStore>();
        services.AddSingleton<IGroupDirectory, InMemoryGroupDirectory>();
        services.AddSingleton<IRedPacketStore, InMemoryRedPacketStore>();
        services.TryAddSingleton<IUploadStore, InMemoryUploadStore>();
        services.TryAddSingleton<IJoinPolicy, OpenJoinPolicy>();
        return services;
    }
}
