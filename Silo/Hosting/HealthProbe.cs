namespace Silo.Hosting;

/// <summary>
/// <c>dotnet Silo.dll probe [url]</c>: asks a running host's <c>/health/ready</c> and exits 0 or 1, so container
/// health checks need no curl in the runtime image.
/// </summary>
public static class HealthProbe
{
    public static bool IsProbe(string[] args) => args.Length > 0 && args[0] == "probe";

    public static int Run(string[] args, string defaultUrl)
    {
        var url = args.Length > 1 ? args[1] : defaultUrl.TrimEnd('/') + "/health/ready";
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{url}: {ex.Message}");
            return 1;
        }
    }
}
