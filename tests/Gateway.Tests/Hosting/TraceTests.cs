using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Gateway.Tests.Chat;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using TestSupport;
using Xunit.Abstractions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

/// <summary>
/// The embedded gateway on PostgreSQL with the OpenTelemetry in-memory exporter: what an operator would see in a
/// trace viewer for one chat post.
/// </summary>
public sealed class TraceTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task One_post_is_one_trace_from_the_http_request_through_the_grain_calls_to_the_database_write()
    {
        var spans = new ConcurrentQueue<Activity>();
        await using var factory = new TracedGatewayFactory(postgres.NewDatabase("tracing"), spans);
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        var group = await user.CreateGroupAsync();

        var posted = await user.SayAsync(group, "traced");
        Assert.Equal(1, posted.Seq);

        // The batch's span ends just after the post is acknowledged: wait for it rather than for a fixed time.
        var request = await WaitForAsync(spans, "the POST's server span", () => spans.SingleOrDefault(s =>
            s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore"
            && s.GetTagItem("http.request.method") is "POST" && s.GetTagItem("url.path") as string == $"/api/groups/{group}/messages"));
        var write = await WaitForAsync(spans, "the batch write in the POST's trace", () => spans.FirstOrDefault(s => s.Source.Name == "ChainChat.Storage" && s.TraceId == request.TraceId));
        var copy = await WaitForAsync(spans, "Npgsql's span under the batch write", () => spans.FirstOrDefault(s => s.Source.Name == "Npgsql" && s.ParentSpanId == write.SpanId));

        // From the database span up to the root: Npgsql <- batch write <- grain calls <- the HTTP request.
        var byId = spans.Where(s => s.TraceId == request.TraceId).ToDictionary(s => s.SpanId);
        var path = new List<Activity>();
        for (var span = copy; span is not null; span = byId.GetValueOrDefault(span.ParentSpanId))
            path.Add(span);
        foreach (var span in path)
            output.WriteLine($"{span.Source.Name} {span.Kind} '{span.DisplayName}'");
        var sources = path.Select(s => s.Source.Name).ToList();
        Assert.Equal(request, path[^1]);
        Assert.Equal(["Npgsql", "ChainChat.Storage"], sources.Take(2));
        Assert.Contains(sources, s => s.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.Contains(path, s => s.Kind == ActivityKind.Server && s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.Contains("COPY chat_messages", copy.DisplayName + " " + copy.GetTagItem("db.query.text") + " " + copy.GetTagItem("db.statement"), StringComparison.Ordinal);
        Assert.Contains(write.Links, link => link.Context.TraceId == request.TraceId);
    }

    private static async Task<Activity> WaitForAsync(IEnumerable<Activity> spans, string what, Func<Activity?> find)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (find() is { } found)
                return found;
            await Task.Delay(50);
        }

        var seen = spans.Select(s => $"{s.TraceId} {s.SpanId} <- {s.ParentSpanId} {s.Source.Name} {s.Kind} '{s.DisplayName}' {string.Join(' ', s.TagObjects.Select(t => $"{t.Key}={t.Value}"))}");
        throw new TimeoutException($"{what} never arrived; spans:\n{string.Join('\n', seen)}");
    }

    private sealed class TracedGatewayFactory(string connectionString, ConcurrentQueue<Activity> spans) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Cluster:Storage", "AdoNet");
            builder.UseSetting("Wallet:EncryptionKey", "trace-tests-wallet-encryption-key-0123456789");
            builder.UseSetting("ConnectionStrings:Postgres", connectionString);
            builder.UseSetting("Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Auth:PasswordHashIterations", "1000");
            builder.ConfigureServices(services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(new SpanSink(spans))));
        }
    }

    /// <summary>The exporter writes from several threads at once (the request, the silo, the batch loop).</summary>
    private sealed class SpanSink(ConcurrentQueue<Activity> spans) : ICollection<Activity>
    {
        public int Count => spans.Count;
        public bool IsReadOnly => false;
        public void Add(Activity item) => spans.Enqueue(item);
        public void Clear() => spans.Clear();
        public bool Contains(Activity item) => spans.Contains(item);
        public void CopyTo(Activity[] array, int arrayIndex) => spans.CopyTo(array, arrayIndex);
        public bool Remove(Activity item) => throw new NotSupportedException();
        public IEnumerator<Activity> GetEnumerator() => spans.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
