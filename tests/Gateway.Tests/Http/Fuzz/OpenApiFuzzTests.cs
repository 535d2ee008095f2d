using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// A spec-driven fuzz test: every operation of the gateway's own OpenAPI document gets a bounded, seeded set of
/// requests (valid and hostile route values, query values and bodies, with and without tokens) against the real
/// pipeline over realistic state, and no answer may be a 5xx or an error without a machine-readable code.
/// </summary>
public sealed class OpenApiFuzzTests(FuzzGatewayFactory factory, ITestOutputHelper output) : IClassFixture<FuzzGatewayFactory>
{
    private const int Seed = 20_250_101;
    private const int MaxRequests = 6_000;
    private const int MinOperations = 40;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task No_request_to_any_documented_operation_gets_a_5xx_or_an_error_without_a_code()
    {
        var clock = Stopwatch.StartNew();
        using var world = await FuzzWorld.CreateAsync(factory);
        var operations = OpenApiOperations.Parse(await world.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
        Assert.True(operations.Count >= MinOperations, $"the OpenAPI document lists only {operations.Count} operations");

        var random = new Random(Seed);
        var report = new FuzzReport();
        foreach (var operation in operations)
        {
            var scene = await world.SceneForAsync(operation);
            factory.ServerLog.Drain();
            foreach (var request in new FuzzCases(world, scene, random).For(operation))
                report.Check(request, await SendAsync(world, request, random), factory.ServerLog.Drain());
            await world.CleanUpAfterAsync(operation, scene);
        }

        var full = report.Describe(int.MaxValue, withServerLog: true);
        var file = Path.Combine(AppContext.BaseDirectory, "openapi-fuzz-report.txt");
        await File.WriteAllTextAsync(file, full);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Summary()} Took {clock.Elapsed.TotalSeconds:0} s. Full report: {file}"));
        output.WriteLine(report.Coverage());

        Assert.Equal(operations.Count, report.Operations);
        Assert.True(report.Requests <= MaxRequests, $"{report.Requests} requests is more than the budget of {MaxRequests}");
        Assert.True(report.IsClean, report.Describe(120, withServerLog: true) + Environment.NewLine + "Full report: " + file);
    }

    private static async Task<FuzzOutcome> SendAsync(FuzzWorld world, FuzzCase fuzz, Random random)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Operation.Method), fuzz.Url);
        if (world.Authorization(fuzz.Token, random) is { } authorization)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        foreach (var (name, value) in fuzz.Headers ?? [])
            request.Headers.TryAddWithoutValidation(name, value);
        if (fuzz.Body.Bytes is { } bytes)
        {
            request.Content = new ByteArrayContent(bytes);
            if (fuzz.Body.ContentType is { } contentType)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await world.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            // A live stream that started never ends: its status line is the answer.
            var body = fuzz.IsStream && mediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync(timeout.Token);
            return new FuzzOutcome((int)response.StatusCode, mediaType, body, response.Headers.RetryAfter is not null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new FuzzOutcome(0, null, "", false, $"no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (InvalidOperationException exception) when (exception.StackTrace?.Contains("PathString.FromUriComponent", StringComparison.Ordinal) == true)
        {
            // The test server decodes the path with the decoder Kestrel uses, which refuses "%00"; Kestrel answers that
            // with a bodyless 400 before the app runs, the test server throws on the client side instead.
            return new FuzzOutcome(0, null, "", false, RefusedBeforeApp: true);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidOperationException or OperationCanceledException)
        {
            return new FuzzOutcome(0, null, exception.ToString(), false, $"{exception.GetType().Name}: {exception.Message}");
        }
    }
}
