using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Cluster.Tests.Infrastructure;
using TestSupport;

namespace Cluster.Tests.Foundation;

[Collection(PostgresCollection.Name)]
public sealed class EmbeddedModeTests
{
    /// <summary>
    /// Exactly what a new user types: <c>dotnet run --project Gateway</c> with no configuration
    /// (the build is already there, so the test does not rebuild it), on the default port 5000.
    /// </summary>
    [Fact]
    public async Task Dotnet_run_Gateway_with_no_configuration_is_ready_and_serves_the_OpenAPI_document()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--project", "Gateway", "--no-build", "-c", RepositoryPaths.Configuration })
            info.ArgumentList.Add(argument);
        // The test runner's own environment must not leak configuration into the "no setup" run.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Cluster__", StringComparison.Ordinal) || k.StartsWith("Gateway__", StringComparison.Ordinal) || k is "ASPNETCORE_URLS" or "Urls").ToList())
            info.Environment.Remove(key);

        using var process = Process.Start(info)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri("http://localhost:5000"), Timeout = TimeSpan.FromSeconds(10) };
            HttpStatusCode? ready = null;
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync("/health/ready");
                    ready = response.StatusCode;
                    if (ready == HttpStatusCode.OK)
                        break;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet, or too busy starting to answer within the client's timeout.
                }

                await Task.Delay(250);
            }

            Assert.True(ready == HttpStatusCode.OK, "never ready; output:\n" + string.Join('\n', output));

            using var openApi = await http.GetAsync("/openapi/v1.json");
            Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
            using var document = JsonDocument.Parse(await openApi.Content.ReadAsStringAsync());
            Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
            Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/cluster/silo", out _));

            Assert.Contains(output, line => line.Contains("in memory only", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
