using Npgsql;
using TestSupport;

namespace Grains.Tests.Schema;

public sealed class SchemaTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Schema_applies_to_an_empty_database_and_a_second_apply_changes_nothing()
    {
        var database = "schema_" + Guid.NewGuid().ToString("N")[..8];
        var connectionString = postgres.Server.CreateDatabase(database);

        postgres.Server.ApplySchema(database);
        var afterFirst = await DescribeAsync(connectionString);
        Assert.Contains("table orleansquery", afterFirst.Schema);
        Assert.True(afterFirst.Queries.Count > 0, "OrleansQuery has no rows");

        postgres.Server.ApplySchema(database);
        var afterSecond = await DescribeAsync(connectionString);

        Assert.Equal(afterFirst.Schema, afterSecond.Schema);
        Assert.Equal(afterFirst.Queries, afterSecond.Queries);
    }

    [Fact]
    public async Task Every_time_column_is_timestamptz()
    {
        var connectionString = postgres.NewDatabase("times");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name || '.' || column_name FROM information_schema.columns " +
            "WHERE table_schema = 'public' AND data_type IN ('timestamp without time zone', 'time without time zone', 'date')",
            connection);
        var offenders = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            offenders.Add(reader.GetString(0));
        Assert.Empty(offenders);
    }

    private static async Task<(string Schema, SortedDictionary<string, string> Queries)> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        const string structure = """
            SELECT 'table ' || c.relname || ' ' || coalesce(string_agg(a.attname || ':' || format_type(a.atttypid, a.atttypmod) || ':' || a.attnotnull, ',' ORDER BY a.attnum), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            GROUP BY c.relname
            UNION ALL
            SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'routine ' || p.proname || ' ' || md5(pg_get_functiondef(p.oid)) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            UNION ALL
            SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            """;
        await using (var command = new NpgsqlCommand(structure, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                lines.Add(reader.GetString(0).ToLowerInvariant());
        }

        var queries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT querykey, querytext FROM orleansquery", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                queries[reader.GetString(0)] = reader.GetString(1);
        }

        return (string.Join('\n', lines), queries);
    }
}
