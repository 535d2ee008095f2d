using System.Globalization;

namespace TestSupport;

/// <summary>
/// nginx from the system, configured from deploy/nginx/nginx.conf.template exactly as
/// deploy/local/cluster.sh renders it, balancing over the given gateway ports.
/// </summary>
public sealed class NginxBalancer : IDisposable
{
    private readonly string _folder;
    private readonly string _config;

    private NginxBalancer(string folder, string config, int port)
    {
        _folder = folder;
        _config = config;
        Port = port;
    }

    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static string Executable => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    public static NginxBalancer Start(IEnumerable<int> gatewayPorts)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nginx-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        Directory.CreateDirectory(Path.Combine(folder, "nginx-tmp"));
        var port = FreePort.Next();
        var upstreams = string.Join('\n', gatewayPorts.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"));
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "deploy", "nginx", "nginx.conf.template"))
            .Select(line => line == "@UPSTREAMS@" ? upstreams : line)
            .Select(line => line.Replace("@STATE@", folder, StringComparison.Ordinal).Replace("@PORT@", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var config = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(config, string.Join('\n', lines) + "\n");
        Command.Run(Executable, ["-c", config, "-p", folder]);
        return new NginxBalancer(folder, config, port);
    }

    public void Dispose()
    {
        try
        {
            Command.Run(Executable, ["-c", _config, "-p", _folder, "-s", "stop"]);
        }
        catch (InvalidOperationException)
        {
        }

        for (var i = 0; i < 50 && File.Exists(Path.Combine(_folder, "nginx.pid")); i++)
            Thread.Sleep(100);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
