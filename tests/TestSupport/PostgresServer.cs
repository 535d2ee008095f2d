using Npgsql;

namespace TestSupport;

/// <summary>
/// A throwaway PostgreSQL server: initdb in a temporary folder, a free port on 127.0.0.1, removed on
/// dispose. PostgreSQL refuses to run as root, so as root the server runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _folder;
    private readonly string _data;
    private readonly bool _asPostgresUser;
    private readonly string? _namespace;
    private bool _running;

    private PostgresServer(string folder, int port, bool asPostgresUser, string host = "127.0.0.1", string? networkNamespace = null)
    {
        _folder = folder;
        _data = Path.Combine(folder, "data");
        Port = port;
        _asPostgresUser = asPostgresUser;
        Host = host;
        _namespace = networkNamespace;
    }

    public int Port { get; }

    /// <summary>The one address the server listens on.</summary>
    public string Host { get; }

    public static string BinDirectory { get; } = FindBinDirectory();

    /// <summary>The running server's postmaster, the parent of every backend (the first line of postmaster.pid).</summary>
    public int ProcessId => int.Parse(File.ReadLines(Path.Combine(_data, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts a new server. <paramref name="durable"/> keeps fsync on (benchmarks); tests turn it off,
    /// which loses nothing when a process is killed, only when the machine itself crashes.
    /// </summary>
    public static PostgresServer Start(bool durable = false) => Start(durable, "127.0.0.1", null, FreePort.Next());

    /// <summary>
    /// Starts a server inside a Linux network namespace (<c>ip netns exec</c>), listening only on
    /// <paramref name="host"/>, an address of that namespace.
    /// </summary>
    public static PostgresServer StartInNamespace(string networkNamespace, string host, int port = 5432) =>
        Start(durable: false, host, networkNamespace, port);

    private static PostgresServer Start(bool durable, string host, string? networkNamespace, int port)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pg-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var asPostgres = Environment.UserName == "root";
        var server = new PostgresServer(folder, port, asPostgres, host, networkNamespace);
        try
        {
            if (asPostgres)
                Command.Run("chown", ["postgres:postgres", folder]);
            server.RunAsOwner("initdb", ["-D", server._data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"]);
            // Off loopback, clients come from the namespace's own subnet (the test network): let them in as local ones are.
            if (networkNamespace is not null)
                File.AppendAllText(Path.Combine(server._data, "pg_hba.conf"), "host all all samenet trust\n");
            server.StartServer(durable);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
        }.ConnectionString;

    public string Uri(string database) => $"postgresql://postgres@{Host}:{Port}/{database}";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        // Unpooled: a test may have stopped and restarted this server, leaving pooled connections dead.
        using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>Creates a database and applies deploy/sql to it with the project's own apply script.</summary>
    public string CreateDatabaseWithSchema(string name)
    {
        var connectionString = CreateDatabase(name);
        ApplySchema(name);
        return connectionString;
    }

    public string ApplySchema(string database) =>
        Command.Run("bash", [Path.Combine(RepositoryPaths.SqlFolder, "apply.sh"), Uri(database)]);

    /// <summary>Stops the server as a crash would (immediate), keeping its data.</summary>
    public void Stop()
    {
        if (!_running)
            return;
        RunAsOwner("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);
        _running = false;
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts a stopped server again on the same port and data.</summary>
    public void Restart(bool durable = false) => StartServer(durable);

    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing else to stop.
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void StartServer(bool durable)
    {
        var settings = $"-p {Port} -k {_folder} -c listen_addresses={Host} -c max_connections=300 -c shared_buffers=256MB"
            + (durable ? string.Empty : " -c fsync=off -c full_page_writes=off");
        // Started inside the namespace, the server (pg_ctl's child) stays there for its whole life.
        RunAsOwner("pg_ctl", ["-D", _data, "-o", settings, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start"], _namespace);
        _running = true;
    }

    private void RunAsOwner(string tool, string[] arguments, string? networkNamespace = null)
    {
        var executable = Path.Combine(BinDirectory, tool);
        string[] command = _asPostgresUser ? ["runuser", "-u", "postgres", "--", executable, .. arguments] : [executable, .. arguments];
        if (networkNamespace is not null)
            command = ["ip", "netns", "exec", networkNamespace, .. command];
        Command.Run(command[0], command[1..]);
    }

    private static string FindBinDirectory()
    {
        try
        {
            var fromConfig = Command.Run("pg_config", ["--bindir"]).Trim();
            if (File.Exists(Path.Combine(fromConfig, "initdb")))
                return fromConfig;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }

        var candidate = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        return candidate ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb) not found; install postgresql.");
    }
}
