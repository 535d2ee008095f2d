using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Chain;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

/// <summary>
/// Behind the load balancer every client keeps its own sign-in limit because the gateway believes X-Forwarded-For
/// from the configured proxy (here 127.0.0.1); a client connecting directly from another address cannot escape its
/// limit by sending the header. Real Kestrel, real sockets: the client address is the socket's.
/// </summary>
public sealed class ForwardedHeaderTests
{
    private const int AttemptsPerMinute = 5;

    /// <summary>A gateway on Kestrel trusting <paramref name="knownProxies"/> (null: the setting left out).</summary>
    private static KestrelGatewayFactory Gateway(string? knownProxies = "127.0.0.1")
    {
        var factory = new KestrelGatewayFactory();
        factory.With("Auth:AttemptsPerMinute", AttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (knownProxies is not null)
            factory.With("Gateway:KnownProxies", knownProxies);
        return factory;
    }

    /// <summary>A wrong sign-in for a user that does not exist: 401, or 429 once the address is over its limit.</summary>
    private static Task<HttpResponseMessage> SignInAsync(HttpClient http, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token")
        {
            Content = JsonContent.Create(new { username = "nobody-here", password = "wrong password" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request);
    }

    [Fact]
    public async Task Clients_forwarded_by_the_known_proxy_each_get_their_own_sign_in_limit()
    {
        await using var factory = Gateway();
        var proxy = factory.CreateSocketClient(IPAddress.Loopback);

        for (var client = 1; client <= 12; client++)
            await (await SignInAsync(proxy, $"203.0.113.{client}")).ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task One_forwarded_client_is_still_limited_by_its_own_address()
    {
        await using var factory = Gateway();
        var proxy = factory.CreateSocketClient(IPAddress.Loopback);

        for (var attempt = 1; attempt <= AttemptsPerMinute; attempt++)
            await (await SignInAsync(proxy, "198.51.100.7")).ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        await (await SignInAsync(proxy, "198.51.100.7")).ProblemAsync(HttpStatusCode.TooManyRequests, "too_many_attempts");
        await (await SignInAsync(proxy, "198.51.100.8")).ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task A_direct_client_cannot_spoof_X_Forwarded_For_to_escape_its_sign_in_limit()
    {
        await using var factory = Gateway();
        var direct = factory.CreateSocketClient(IPAddress.Parse("127.0.0.2"));

        for (var attempt = 1; attempt <= AttemptsPerMinute; attempt++)
            await (await SignInAsync(direct, $"203.0.113.{attempt}")).ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        var sixth = await SignInAsync(direct, "203.0.113.99");
        await sixth.ProblemAsync(HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.NotNull(sixth.Headers.RetryAfter);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task With_no_known_proxy_even_a_loopback_client_cannot_spoof_X_Forwarded_For(string? knownProxies)
    {
        // ASP.NET Core's middleware trusts every sender when its proxy lists are empty; the gateway must not.
        await using var factory = Gateway(knownProxies);
        var local = factory.CreateSocketClient(IPAddress.Loopback);

        for (var attempt = 1; attempt <= AttemptsPerMinute; attempt++)
            await (await SignInAsync(local, $"203.0.113.{attempt}")).ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        await (await SignInAsync(local, "203.0.113.99")).ProblemAsync(HttpStatusCode.TooManyRequests, "too_many_attempts");
    }
}
