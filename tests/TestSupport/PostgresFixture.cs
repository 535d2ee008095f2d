namespace TestSupport;

/// <summary>One throwaway PostgreSQL server per test assembly; tests create their own databases in it.</summary>
public sealed class PostgresFixture : IDisposable
{
    private int _databases;

    public PostgresServer Server { get; } = PostgresServer.Start();

    /// <summary>A new, empty database with deploy/sql applied; returns its connection string.</summary>
    public string NewDatabase(string prefix = "test") =>
        Server.CreateDatabaseWithSchema($"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}");

    public void Dispose() => Server.Dispose();
}
