using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;
using TestSupport;

namespace Gateway.Tests.Http;

/// <summary>The web client's files: served at <c>/</c> under a strict content security policy, and using only the public API.</summary>
public sealed partial class WebClientFilesTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    [Fact]
    public async Task The_page_is_served_at_the_root_with_a_content_security_policy_and_revalidated_caching()
    {
        using var client = factory.CreateClient();
        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/app/main.js\"></script>", html, StringComparison.Ordinal);
        // Nothing from another origin, nothing inline.
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);

        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        Assert.NotNull(page.Headers.ETag);

        using var script = await client.GetAsync("/app/main.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/app/main.js");
        again.Headers.IfNoneMatch.Add(script.Headers.ETag!);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Every_API_route_the_page_calls_is_in_the_public_OpenAPI_document()
    {
        using var client = factory.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var documented = document.GetProperty("paths").EnumerateObject().Select(p => Placeholder().Replace(p.Name, "{}")).ToHashSet(StringComparer.Ordinal);

        var scripts = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "Gateway", "wwwroot"), "*.js", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(scripts);
        var called = scripts.SelectMany(f => ApiPath().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.True(called.Count >= 25, $"only {called.Count} API paths found in the page's scripts");
        var unknown = called
            .Select(p => Interpolation().Replace(p, "{}").TrimEnd('/'))
            .Where(p => p != "/api/auth") // the prefix the client checks to tell a failed sign-in from an expired token
            .Select(p => p.Replace("/members/me", "/members/{}", StringComparison.Ordinal))
            .Where(p => !documented.Contains(p))
            .ToList();
        Assert.True(unknown.Count == 0, "the page calls routes the OpenAPI document does not have: " + string.Join(", ", unknown));
    }

    [GeneratedRegex(@"[`'](/api/[^`'?\s]*)")]
    private static partial Regex ApiPath();

    [GeneratedRegex(@"\$\{[^}]+\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
