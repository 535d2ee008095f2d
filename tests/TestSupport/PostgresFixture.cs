namespace TestSupport;

/// <summary>One throwaway PostgreSQL server per test assembly; tests create their own databases in it.</summary>
public sealed class PostgresFixture : IDisposable
{
    private int _databases;

    public PostgresFixture()
        : this(PostgresServer.Start())
    {
    }

    private PostgresFixture(PostgresServer server) => Server = server;

    public PostgresServer Server { get; }

    /// <summary>With fsync on, for benchmarks whose figures claim acknowledged means on disk.</summary>
    public static PostgresFixture Durable() => new(PostgresServer.Start(durable: true));

    /// <summary>A new, empty database with deploy/sql applied; returns its connection string.</summary>
    public string NewDatabase(string prefix = "test") =>
        Server.CreateDatabaseWithSchema($"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}");

    public void Dispose() => Server.Dispose();
}
