using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TestSupport;

/// <summary>The one sign-up flow tests and benchmarks use: create the account, sign in, keep the bearer token.</summary>
public static class TestUsers
{
    public const string Password = "correct horse battery";

    /// <summary>A fresh, valid username (letters and digits only, so no two runs or tests collide).</summary>
    public static string NewName(string prefix = "u") => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Signs <paramref name="username"/> up and in through <paramref name="http"/>; returns the access token.</summary>
    public static async Task<string> SignUpAsync(HttpClient http, string username, CancellationToken cancellationToken = default)
    {
        var credentials = new { username, password = Password };
        using var created = await http.PostAsJsonAsync("/api/accounts", credentials, cancellationToken);
        if (created.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"sign-up of {username}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellationToken)}");
        return await SignInAsync(http, username, cancellationToken);
    }

    public static async Task<string> SignInAsync(HttpClient http, string username, CancellationToken cancellationToken = default)
    {
        using var token = await http.PostAsJsonAsync("/api/auth/token", new { username, password = Password }, cancellationToken);
        if (token.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"sign-in of {username}: {(int)token.StatusCode} {await token.Content.ReadAsStringAsync(cancellationToken)}");
        var body = await token.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("access_token").GetString()!;
    }
}
