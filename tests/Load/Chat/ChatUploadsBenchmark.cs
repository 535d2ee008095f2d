using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Load.Foundation;
using Npgsql;
using TestSupport;
using TestSupport.Media;

namespace Load.Chat;

/// <summary>
/// Uploads under load: the real Gateway process (embedded silo, uploads streamed into a durable PostgreSQL with
/// binary COPY), --users accounts, and per run and payload --uploads uploads over HTTP with --concurrency in
/// flight, spread over the users. Two payloads: a 2560×1440 JPEG photo of about 0.8 MB (decoded on the gateway for its
/// thumbnail and QR check) and a 4 MiB file of random bytes (the storage path alone). Prints, per run and as the
/// median and spread: uploads/s, MB/s (10^6 bytes), latency, and the CPU the gateway and PostgreSQL spent per
/// upload. Every run checks what was stored: one row per 201 answer (and a thumbnail per photo), and a sample of
/// the answered uploads read back whole with the SHA-256 the gateway answered.
/// </summary>
public static class ChatUploadsBenchmark
{
    private const int FileBytes = 4 * 1024 * 1024;

    private sealed record Payload(string Name, string Kind, string FileName, byte[] Bytes)
    {
        public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));
    }

    private sealed record Answer(string UploadId, string UserId, string Sha256);

    private sealed record RunResult(double Seconds, double UploadsPerSecond, double MegabytesPerSecond, double P50Ms, double P99Ms, double GatewayCpu, double PostgresCpu);

    public static async Task RunAsync(string[] arguments)
    {
        var args = new BenchArgs(arguments);
        int userCount = args.Int("users", 32), uploads = args.Int("uploads", 400), concurrency = args.Int("concurrency", 16), runs = args.Int("runs", 3),
            warmup = args.Int("warmup", 32), spotChecks = args.Int("spot-checks", 20);
        Payload[] payloads =
        [
            new("photo", "image", "photo.jpg", BenchPhotos.Photo(2560, 1440)),
            new("file", "file", "random.bin", RandomFile(FileBytes)),
        ];
        Console.WriteLine($"uploads: {userCount} users, {uploads} uploads per run and payload with {concurrency} in flight, {runs} runs, {warmup} warm-up uploads per payload [{RepositoryPaths.Configuration} build]");
        foreach (var payload in payloads)
            Console.WriteLine($"  {payload.Name}: {payload.Bytes.Length:N0} bytes ({payload.FileName})");

        using var postgres = PostgresServer.Start(durable: true);
        var connectionString = postgres.CreateDatabaseWithSchema("uploads_bench");
        await using var bench = await BenchGateway.StartAsync(new Dictionary<string, string>
        {
            ["Cluster__Storage"] = "AdoNet",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Wallet__EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Uploads touch no payment: a mining payments node would only take CPU from the figures.
            ["Chat__MinePaymentsNode"] = "false",
            // The hourly quota per account (100 uploads, 1 GiB) would stop the benchmark after a few runs.
            ["Uploads__UploadsPerHour"] = "1000000",
            ["Uploads__BytesPerHour"] = (1L << 50).ToString(CultureInfo.InvariantCulture),
        });
        var gateway = bench.Process;
        var userIds = Enumerable.Range(0, userCount).Select(i => $"up{i:D4}").ToArray();
        var tokens = await BenchTokens.CreateAccountsAsync(bench.Grains, userIds);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        { BaseAddress = gateway.HttpAddress, Timeout = TimeSpan.FromMinutes(2) };
        var stored = new Dictionary<string, int>(StringComparer.Ordinal) { ["photo"] = 0, ["file"] = 0 };
        var clock = Stopwatch.StartNew();
        foreach (var payload in payloads)
        {
            var answers = await UploadAllAsync(http, payload, userIds, tokens, warmup, concurrency, new LatencyHistogram());
            stored[payload.Name] += answers.Count;
            await CheckAsync(http, dataSource, payload, answers, userIds, tokens, stored, spotChecks, "warm-up");
        }

        Console.WriteLine($"warm-up: {warmup} uploads of each payload stored and checked in {clock.Elapsed.TotalSeconds:F1} s");

        var results = payloads.ToDictionary(p => p.Name, _ => new List<RunResult>());
        var gatewayProcess = Process.GetProcessById(gateway.Id);
        var postgresId = postgres.ProcessId;
        for (var run = 1; run <= runs; run++)
        {
            foreach (var payload in payloads)
            {
                var latency = new LatencyHistogram();
                gatewayProcess.Refresh();
                var gatewayCpu = gatewayProcess.TotalProcessorTime;
                var postgresCpu = ProcessCpu.OfTree(postgresId);
                var start = Stopwatch.GetTimestamp();
                var answers = await UploadAllAsync(http, payload, userIds, tokens, uploads, concurrency, latency);
                var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                gatewayProcess.Refresh();
                var result = new RunResult(seconds, uploads / seconds, (double)uploads * payload.Bytes.Length / seconds / 1e6, latency.PercentileMs(0.50), latency.PercentileMs(0.99),
                    (gatewayProcess.TotalProcessorTime - gatewayCpu).TotalSeconds, (ProcessCpu.OfTree(postgresId) - postgresCpu).TotalSeconds);
                results[payload.Name].Add(result);
                stored[payload.Name] += answers.Count;
                Console.WriteLine($"run {run} {payload.Name,-5}: {result.UploadsPerSecond:N1} uploads/s, {result.MegabytesPerSecond:N1} MB/s ({uploads} in {seconds:F2} s), " +
                    $"p50 {result.P50Ms:F1} ms p99 {result.P99Ms:F1} ms; cpu per upload: gateway {result.GatewayCpu * 1e3 / uploads:F1} ms, postgres {result.PostgresCpu * 1e3 / uploads:F1} ms");
                await CheckAsync(http, dataSource, payload, answers, userIds, tokens, stored, spotChecks, $"run {run} {payload.Name}");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"median of {runs} runs (min–max), {uploads} uploads each with {concurrency} in flight:");
        foreach (var payload in payloads)
        {
            var r = results[payload.Name];
            Console.WriteLine($"{payload.Name} ({payload.Bytes.Length:N0} bytes):");
            Spread.Print("uploads/s", r.Select(x => x.UploadsPerSecond), "N1");
            Spread.Print("MB/s", r.Select(x => x.MegabytesPerSecond), "N1");
            Spread.Print("upload p50 ms", r.Select(x => x.P50Ms), "F1");
            Spread.Print("upload p99 ms", r.Select(x => x.P99Ms), "F1");
            Spread.Print("gateway cpu per upload, ms", r.Select(x => x.GatewayCpu * 1e3 / uploads), "F1");
            Spread.Print("postgres cpu per upload, ms", r.Select(x => x.PostgresCpu * 1e3 / uploads), "F1");
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores; 1-minute load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    /// <summary>
    /// Sends <paramref name="count"/> uploads of the payload, <paramref name="concurrency"/> at a time, user after user;
    /// returns the 201 answers and fails on any other answer (after all were sent, so nothing is left in flight).
    /// </summary>
    private static async Task<List<Answer>> UploadAllAsync(HttpClient http, Payload payload, string[] userIds, Dictionary<string, string> tokens, int count, int concurrency,
        LatencyHistogram latency)
    {
        var answers = new System.Collections.Concurrent.ConcurrentBag<Answer>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var userId = userIds[i % userIds.Length];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads") { Content = TestMedia.Form(payload.Bytes, payload.FileName) };
            request.Headers.Authorization = new("Bearer", tokens[userId]);
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                latency.Record(sent, Stopwatch.GetTimestamp());
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    failures.Enqueue($"{(int)response.StatusCode} {text}");
                    return;
                }

                var body = JsonDocument.Parse(text).RootElement;
                var (id, kind, sha) = (body.GetProperty("upload_id").GetString()!, body.GetProperty("kind").GetString(), body.GetProperty("sha256").GetString()!);
                if (kind != payload.Kind || sha != payload.Sha256 || body.GetProperty("size").GetInt64() != payload.Bytes.Length)
                    failures.Enqueue($"answered {text} for the {payload.Name} ({payload.Kind}, {payload.Bytes.Length} bytes, sha256 {payload.Sha256})");
                answers.Add(new Answer(id, userId, sha));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failures.Enqueue($"{ex.GetType().Name}: {ex.Message}");
            }
        });
        if (!failures.IsEmpty)
            throw new InvalidOperationException($"{failures.Count} of {count} {payload.Name} uploads failed; the first: {failures.First()}");
        return [.. answers];
    }

    /// <summary>
    /// The rows of the benchmark's users match the 201 answers so far (and each photo got its thumbnail row), and
    /// <paramref name="sample"/> answered uploads, picked at random, read back with the answered SHA-256.
    /// </summary>
    private static async Task CheckAsync(HttpClient http, NpgsqlDataSource dataSource, Payload payload, List<Answer> answers, string[] userIds,
        Dictionary<string, string> tokens, Dictionary<string, int> stored, int sample, string what)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE parent_id IS NULL AND kind = 'image'), count(*) FILTER (WHERE parent_id IS NULL AND kind = 'file'),
                   count(*) FILTER (WHERE parent_id IS NOT NULL)
            FROM chat_uploads WHERE owner_id = ANY(@owners)
            """);
        command.Parameters.AddWithValue("owners", userIds);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            var (photos, files, thumbnails) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            if (photos != stored["photo"] || files != stored["file"] || thumbnails != stored["photo"])
            {
                throw new InvalidOperationException($"{what}: chat_uploads holds {photos} photos, {files} files and {thumbnails} thumbnails of the benchmark's users; " +
                    $"the gateway answered 201 for {stored["photo"]} photos and {stored["file"]} files");
            }
        }

        foreach (var answer in answers.OrderBy(_ => Random.Shared.Next()).Take(sample))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/uploads/{answer.UploadId}");
            request.Headers.Authorization = new("Bearer", tokens[answer.UserId]);
            using var response = await http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (response.StatusCode != HttpStatusCode.OK || sha != answer.Sha256)
                throw new InvalidOperationException($"{what}: GET {answer.UploadId} answered {(int)response.StatusCode} with {bytes.Length} bytes of sha256 {sha}; the upload answered {answer.Sha256}");
        }
    }

    /// <summary>Random bytes: nothing to sniff but "file", nothing to compress.</summary>
    private static byte[] RandomFile(int size)
    {
        var bytes = new byte[size];
        new Random(5).NextBytes(bytes);
        // A fixed, harmless start: random bytes could happen to begin like a known format's magic number.
        "RAND"u8.CopyTo(bytes);
        return bytes;
    }
}
