using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces.Cluster;
using TestSupport;

namespace Gateway.Tests.Hosting;

public sealed class GatewayPipelineTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    [Fact]
    public async Task Health_endpoints_answer_live_and_ready()
    {
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_routes()
    {
        using var client = factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/cluster/silo", out _));
    }

    [Fact]
    public async Task A_grain_in_the_embedded_silo_serves_the_request()
    {
        using var client = factory.CreateClient();
        var info = await client.GetFromJsonAsync<SiloInfo>("/api/cluster/silo", ApiJsonOptions.Instance);
        Assert.NotNull(info);
        Assert.False(string.IsNullOrEmpty(info.SiloAddress));
    }

    [Fact]
    public async Task Unknown_route_is_a_problem_details_404()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
