using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Cluster.Tests.Infrastructure;
using Grains.Interfaces.Chat;
using Npgsql;
using SkiaSharp;
using TestSupport;
using TestSupport.Cluster;
using TestSupport.Media;
using Xunit.Abstractions;

namespace Cluster.Tests.Uploads;

/// <summary>
/// Uploads on a production-shaped cluster (real Silo and Gateway processes, PostgreSQL, nginx in front): the bytes
/// a gateway stored in PostgreSQL outlive every silo, and an upload whose gateway dies mid-way leaves nothing behind.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class UploadFailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int ChunkSize = 256 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string> Settings = new()
    {
        // Each silo says which groups it activates: the test reports which one held the group.
        ["Logging__LogLevel__Grains.Chat.GroupGrain"] = "Debug",
    };

    [Fact]
    public async Task An_upload_posted_in_a_group_survives_killing_every_silo()
    {
        using var cluster = new FailoverCluster(postgres, "uploads", silos: 2, gateways: 2, settings: Settings);
        await cluster.StartAsync();
        try
        {
            await SurvivesSiloRestartAsync(cluster);
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }

    [Fact]
    public async Task An_upload_whose_gateway_is_killed_mid_way_leaves_nothing_in_PostgreSQL()
    {
        using var cluster = new FailoverCluster(postgres, "uploadkill", silos: 1, gateways: 1);
        await cluster.StartAsync();
        try
        {
            await KilledGatewayLeavesNothingAsync(cluster);
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }

    private async Task SurvivesSiloRestartAsync(FailoverCluster cluster)
    {
        using var owner = await ClusterHttp.SignUpAsync(cluster.Address);
        using var member = await ClusterHttp.SignUpAsync(cluster.Address);
        using var stranger = await ClusterHttp.SignUpAsync(cluster.Address);
        var groupId = await owner.CreateGroupAsync("photos");
        await member.JoinAsync(groupId);

        // A photo of several chunks (megabytes, as a real one), uploaded and posted through the balancer.
        var picture = TestMedia.GrainyPhoto(1600, 1200);
        Assert.True(picture.Length > 2 * ChunkSize, $"the picture is {picture.Length} bytes, fewer than three chunks");
        var upload = await ClusterHttp.Expect(HttpStatusCode.Created, await member.Http.PostAsync("/api/uploads", TestMedia.Form(picture, "harbour.png")));
        var uploadId = upload.GetProperty("upload_id").GetString()!;
        var sha256 = upload.GetProperty("sha256").GetString()!;
        var thumbnailId = upload.GetProperty("thumbnail_id").GetString()!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(picture)), sha256);
        Assert.Equal(picture.Length, upload.GetProperty("size").GetInt64());
        Assert.Equal((1600, 1200), (upload.GetProperty("width").GetInt32(), upload.GetProperty("height").GetInt32()));
        var expected = new MediaRef(uploadId, "image/png", picture.Length, 1600, 1200, null, thumbnailId, "harbour.png");

        var posted = await PostImageAsync(member, groupId, uploadId, "before");
        Assert.Equal(expected, posted.Media);
        output.WriteLine($"uploaded {picture.Length} bytes ({(picture.Length + ChunkSize - 1) / ChunkSize} chunks) as {uploadId}, posted as message {posted.Seq}");

        // 1. Every silo dies at once, with no chance to hand anything over, and comes back.
        var holder = Array.FindIndex(cluster.Silos, s => s!.Output.Contains($"Group {groupId} activated", StringComparison.Ordinal));
        for (var i = 0; i < cluster.Silos.Length; i++)
            cluster.Silos[i]!.Kill();
        output.WriteLine($"killed all {cluster.Silos.Length} silos (silo {holder} held the group)");
        var restarted = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, cluster.Silos.Length).Select(i => cluster.StartSilo(i).WaitUntilReadyAsync(TimeSpan.FromSeconds(120))));
        await Task.WhenAll(cluster.Gateways.Select(g => g!.WaitUntilReadyAsync(TimeSpan.FromSeconds(120))));
        output.WriteLine($"silos ready and both gateways reach them again after {restarted.Elapsed.TotalSeconds:F1} s");

        // The first read after the restart may meet a cluster still settling (503); anything else is an answer.
        var first = await UntilAnsweredAsync(() => owner.Http.GetAsync($"/api/uploads/{uploadId}"));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        output.WriteLine($"first read after the restart answered {(int)first.Status} after {first.Retries} retried attempt(s)");

        // 2. A member reads the same bytes through the balancer and through each gateway directly.
        var token = owner.Http.DefaultRequestHeaders.Authorization;
        var routes = new List<(string Name, HttpClient Http)> { ("nginx", owner.Http) };
        routes.AddRange(cluster.Gateways.Select((g, i) => ($"gateway-{i}", Direct(g!.HttpAddress, token))));
        try
        {
            foreach (var (name, http) in routes)
                await ReadsBackAsync(name, http, uploadId, thumbnailId, picture, sha256);
        }
        finally
        {
            foreach (var (_, http) in routes.Where(r => r.Name != "nginx"))
                http.Dispose();
        }

        // 3. History still carries the message and its media; a stranger still learns nothing.
        var history = await owner.HistoryAsync(groupId);
        var kept = Assert.Single(history, m => m.GetProperty("seq").GetInt64() == posted.Seq);
        Assert.Equal(expected, kept.GetProperty("media").Deserialize<MediaRef>(ApiJsonOptions.Instance));
        await ExpectNotFoundAsync(stranger.Http, $"/api/uploads/{uploadId}");
        await ExpectNotFoundAsync(stranger.Http, $"/api/uploads/{thumbnailId}");

        // 4. The group, activated anew, reads the upload's description from PostgreSQL to post it again.
        var again = await PostImageAsync(member, groupId, uploadId, "after");
        Assert.Equal(expected, again.Media);
        Assert.True(again.Seq > posted.Seq);
        var problem = await ClusterHttp.Expect(HttpStatusCode.Forbidden, await owner.Http.PostAsJsonAsync($"/api/groups/{groupId}/messages",
            new { client_id = "not-mine", type = "image", upload_id = uploadId }));
        Assert.Equal("upload_not_yours", problem.GetProperty("code").GetString());
    }

    private async Task KilledGatewayLeavesNothingAsync(FailoverCluster cluster)
    {
        using var quitter = await ClusterHttp.SignUpAsync(cluster.Address);
        var gateway = cluster.Gateways[0]!;

        // Straight to the gateway (nginx would take the whole body before passing it on): 1 MiB of a file, then silence.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var direct = Direct(gateway.HttpAddress, quitter.Http.DefaultRequestHeaders.Authorization);
        var body = new byte[4 * ChunkSize];
        new Random(11).NextBytes(body);
        var sending = direct.PostAsync("/api/uploads", new StalledUpload(body, release.Task));
        try
        {
            // Chunks have reached PostgreSQL inside the upload's open transaction.
            await UntilAsync(async () => await ScalarAsync(cluster, "SELECT COALESCE(max(tuples_processed), 0) FROM pg_stat_progress_copy WHERE datname = current_database()") >= 2,
                "the upload's chunks to reach PostgreSQL");
            gateway.Kill();
        }
        finally
        {
            release.TrySetResult();
        }

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => sending);
        // PostgreSQL sees the connection close and rolls the transaction back.
        await UntilAsync(async () => await ScalarAsync(cluster, "SELECT count(*) FROM pg_stat_progress_copy WHERE datname = current_database()") == 0,
            "PostgreSQL to end the killed gateway's COPY");
        Assert.Equal(0, await ScalarAsync(cluster, "SELECT count(*) FROM chat_uploads WHERE owner_id = @owner", quitter.UserId));
        Assert.Equal(0, await ScalarAsync(cluster, "SELECT count(*) FROM chat_upload_chunks"));

        // The gateway comes back and the same user uploads as if nothing had happened; only that upload is stored.
        await cluster.StartGateway(0).WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        using var restarted = Direct(cluster.Gateways[0]!.HttpAddress, quitter.Http.DefaultRequestHeaders.Authorization);
        var stored = await ClusterHttp.Expect(HttpStatusCode.Created, await restarted.PostAsync("/api/uploads", TestMedia.Form(body, "retry.bin")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), stored.GetProperty("sha256").GetString());
        Assert.Equal(1, await ScalarAsync(cluster, "SELECT count(*) FROM chat_uploads WHERE owner_id = @owner", quitter.UserId));
        Assert.Equal(4, await ScalarAsync(cluster, "SELECT count(*) FROM chat_upload_chunks"));
    }

    /// <summary>The whole upload, a range across the first chunk boundary, and the thumbnail, through one route.</summary>
    private async Task ReadsBackAsync(string route, HttpClient http, string uploadId, string thumbnailId, byte[] picture, string sha256)
    {
        using var full = await http.GetAsync($"/api/uploads/{uploadId}");
        Assert.True(full.StatusCode == HttpStatusCode.OK, $"{route}: {(int)full.StatusCode} {await full.Content.ReadAsStringAsync()}");
        Assert.Equal("image/png", full.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{sha256}\"", full.Headers.ETag?.Tag);
        var bytes = await full.Content.ReadAsByteArrayAsync();
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/uploads/{uploadId}");
        request.Headers.Range = new RangeHeaderValue(ChunkSize - 100, ChunkSize + 199);
        using var part = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(picture.AsSpan(ChunkSize - 100, 300).ToArray(), await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(picture.Length, part.Content.Headers.ContentRange?.Length);

        using var thumbnail = await http.GetAsync($"/api/uploads/{thumbnailId}");
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        using var decoded = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((320, 240), (decoded.Width, decoded.Height));
        output.WriteLine($"{route}: {bytes.Length} bytes with the uploaded SHA-256, the range and the {decoded.Width}x{decoded.Height} thumbnail read back");
    }

    private static async Task<ChatMessage> PostImageAsync(ClusterHttp user, string groupId, string uploadId, string clientId)
    {
        var posted = await ClusterHttp.Expect(HttpStatusCode.Created, await user.Http.PostAsJsonAsync($"/api/groups/{groupId}/messages",
            new { client_id = clientId, type = "image", upload_id = uploadId }));
        return posted.Deserialize<ChatMessage>(ApiJsonOptions.Instance)!;
    }

    private static async Task ExpectNotFoundAsync(HttpClient http, string path)
    {
        var problem = await ClusterHttp.Expect(HttpStatusCode.NotFound, await http.GetAsync(path));
        Assert.Equal("upload_not_found", problem.GetProperty("code").GetString());
    }

    private static HttpClient Direct(Uri address, AuthenticationHeaderValue? token)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = token;
        return http;
    }

    private static async Task<long> ScalarAsync(FailoverCluster cluster, string sql, string? owner = null)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (owner is not null)
            command.Parameters.AddWithValue("owner", owner);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Sends until something other than a 5xx, a timeout or a refused connection comes back.</summary>
    private static async Task<(HttpStatusCode Status, int Retries)> UntilAnsweredAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var retries = 0; ; retries++)
        {
            try
            {
                using var response = await send();
                if ((int)response.StatusCode < 500)
                    return (response.StatusCode, retries);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"no answer within {Patience}");
            await Task.Delay(250);
        }
    }

    private static Task UntilAsync(Func<Task<bool>> done, string what) => Waiting.UntilAsync(done, what, Patience);

    /// <summary>A multipart upload of one file part that sends <paramref name="head"/>, then holds the request open until released.</summary>
    private sealed class StalledUpload : HttpContent
    {
        private const string Boundary = "stalled-upload-boundary";
        private readonly byte[] _head;
        private readonly Task _released;

        public StalledUpload(byte[] head, Task released)
        {
            _head = head;
            _released = released;
            Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stalled.bin\"\r\n\r\n"));
            await stream.WriteAsync(_head);
            await stream.FlushAsync();
            await _released;
            // More of the file, to a connection that is gone by now.
            await stream.WriteAsync(_head);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
