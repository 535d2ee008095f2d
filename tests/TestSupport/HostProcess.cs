using System.Collections.Concurrent;
using System.Diagnostics;

namespace TestSupport;

/// <summary>
/// A real Silo or Gateway process started from its build output, with its output captured,
/// for tests that kill, stop and restart hosts.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(string name, Process process, Uri httpAddress)
    {
        Name = name;
        _process = process;
        HttpAddress = httpAddress;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public Uri HttpAddress { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Output => string.Join('\n', _output);

    /// <summary>Starts <paramref name="project"/> (Silo or Gateway) listening for HTTP on <paramref name="httpPort"/>.</summary>
    public static HostProcess Start(string project, int httpPort, IDictionary<string, string> settings, string? name = null) =>
        Start(project, "127.0.0.1", httpPort, settings, name, networkNamespace: null);

    /// <summary>
    /// Starts <paramref name="project"/> inside a Linux network namespace (<c>ip netns exec</c>, which execs the
    /// host, so this process is the host itself), serving HTTP on <paramref name="httpHost"/>, one of its addresses.
    /// </summary>
    public static HostProcess StartInNamespace(string networkNamespace, string project, string httpHost, int httpPort, IDictionary<string, string> settings, string name) =>
        Start(project, httpHost, httpPort, settings, name, networkNamespace);

    private static HostProcess Start(string project, string httpHost, int httpPort, IDictionary<string, string> settings, string? name, string? networkNamespace)
    {
        var assembly = RepositoryPaths.HostAssembly(project);
        var info = new ProcessStartInfo(networkNamespace is null ? "dotnet" : "ip")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (networkNamespace is not null)
        {
            foreach (var argument in new[] { "netns", "exec", networkNamespace, "dotnet" })
                info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(assembly);
        var address = new Uri($"http://{httpHost}:{httpPort}");
        info.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        info.Environment["Urls"] = address.ToString().TrimEnd('/');
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
            info.Environment[key] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {project}");
        return new HostProcess(name ?? $"{project}:{httpPort}", process, address);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200, or fails with the host's output.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                using var response = await Http.GetAsync(new Uri(HttpAddress, "/health/ready"));
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} was not ready in time:\n{Output}");
    }

    /// <summary>Waits for the process to end by itself (for hosts expected to refuse to start).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            return false;
        // The timed wait returns before the output handlers have drained; this one waits for them.
        _process.WaitForExit();
        return true;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then waits for a graceful exit.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        if (_process.HasExited)
            return true;
        Command.Run("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return WaitForExit(timeout);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited && !Terminate(TimeSpan.FromSeconds(20)))
                Kill();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }
}
