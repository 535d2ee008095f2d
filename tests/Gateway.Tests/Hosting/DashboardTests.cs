using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

public sealed class DashboardTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    [Fact]
    public async Task The_embedded_gateway_serves_the_Orleans_dashboard_at_slash_dashboard_showing_its_silo()
    {
        using var client = factory.CreateClient();

        using var page = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // The dashboard samples the cluster once a second; its first sample may not be in yet.
        var hosts = 0;
        for (var attempt = 0; attempt < 50 && hosts == 0; attempt++)
        {
            using var counters = JsonDocument.Parse(await client.GetStringAsync("/dashboard/DashboardCounters"));
            hosts = counters.RootElement.GetProperty("totalActiveHostCount").GetInt32();
            if (hosts == 0)
                await Task.Delay(200);
        }

        Assert.Equal(1, hosts);
    }

    [Fact]
    public async Task The_dashboard_routes_are_not_part_of_the_API_document()
    {
        using var client = factory.CreateClient();
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain("/dashboard", document, StringComparison.Ordinal);
    }
}
