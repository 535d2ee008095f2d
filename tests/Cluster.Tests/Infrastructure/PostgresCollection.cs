using TestSupport;

namespace Cluster.Tests.Infrastructure;

/// <summary>Process tests share one PostgreSQL server and run one after another (they are heavy on 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
