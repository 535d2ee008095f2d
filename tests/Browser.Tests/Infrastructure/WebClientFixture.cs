using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TestSupport;

namespace Browser.Tests.Infrastructure;

/// <summary>
/// One real Gateway process (embedded mode, the README's run command) and Debian's Chromium driven by Playwright. The
/// browser is the system's (<c>chromium</c> from apt; the test command installs it when missing): Playwright never
/// downloads one. Screenshots go to <see cref="ScreenshotFolder"/> under the test output.
/// </summary>
public sealed class WebClientFixture : IAsyncLifetime
{
    public const string Password = "browser-test-password";
    private HostProcess? _gateway;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri Address => _gateway!.HttpAddress;
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Where files a test attaches are written (the browser picks them from disk); removed at the end.</summary>
    private string FilesFolder { get; } = Path.Combine(Path.GetTempPath(), "browser-tests-" + Guid.NewGuid().ToString("N"));
    public HttpClient Http { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("Chromium is not installed: apt-get install chromium (tests/run.sh does it), or set CHROMIUM_PATH.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        _gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string>
        {
            ["Gateway__Mode"] = "Embedded",
            ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            // Blocks every ~0.2 s so payments confirm within a test's patience; cheap password hashing for many sign-ups.
            ["Chain__ContinuousMiningPauseMs"] = "200",
            ["Auth__PasswordHashIterations"] = "1000",
            ["Auth__AttemptsPerMinute"] = "10000",
            ["Wallet__FaucetPerHour"] = "100",
            ["Limits__GroupCreationsPerMinute"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        }, "gateway");
        await _gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI: Chromium's sandbox needs a user namespace it cannot have there.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        _gateway?.Dispose();
        if (Directory.Exists(FilesFolder))
            Directory.Delete(FilesFolder, recursive: true);
    }

    /// <summary>Writes a file for a page to attach, under its own name (the page shows it), and answers its path.</summary>
    public string WriteFile(string fileName, byte[] bytes)
    {
        var folder = Path.Combine(FilesFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, fileName);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    public string GatewayOutput => _gateway?.Output ?? "";

    /// <summary>A fresh browser context (its own storage, like another person's browser) with one page, console watched.</summary>
    public async Task<UserPage> OpenAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(20_000);
        return await UserPage.StartAsync(this, context);
    }

    /// <summary>A bearer token for an account created through the page, for seeding data over the API.</summary>
    public async Task<HttpClient> ApiAsAsync(string username)
    {
        using var response = await Http.PostAsJsonAsync("/api/auth/token", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";
}

[CollectionDefinition(Name)]
public sealed class WebClientCollection : ICollectionFixture<WebClientFixture>
{
    public const string Name = "web-client";
}
