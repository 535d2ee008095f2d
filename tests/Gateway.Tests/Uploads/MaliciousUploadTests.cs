using System.Diagnostics;
using System.Net;
using System.Text;
using Gateway.Tests.Chat;
using Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using TestSupport.Media;
using static Gateway.Tests.Uploads.UploadApi;

namespace Gateway.Tests.Uploads;

/// <summary>
/// Hostile uploads: each is a 4xx with a code, stores nothing, and costs the server no memory to speak of (the
/// process's working set is sampled throughout; decoding any of the bombs would take hundreds of megabytes).
/// </summary>
public sealed class MaliciousUploadTests(UploadGatewayFactory factory) : IClassFixture<UploadGatewayFactory>
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Each_hostile_upload_is_refused_with_its_code_stores_nothing_and_the_server_stays_small_and_healthy()
    {
        var mallory = await ChatApi.SignUpAsync(factory.CreateClient);
        var photo = TestMedia.Picture(1024, 768, SKEncodedImageFormat.Jpeg);
        var zipBomb = TestMedia.ZipOfZeros(200 * MiB);
        var nestedBomb = TestMedia.NestedZip(TestMedia.ZipOfZeros(150 * MiB), 10);
        var cases = new (string Name, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status, string Code)[]
        {
            ("a zip declared as a PNG", () => mallory.UploadAsync(zipBomb, "cat.png", "image/png"), HttpStatusCode.UnsupportedMediaType, "upload_content_type"),
            ("a script declared as a video", () => mallory.UploadAsync("#!/bin/sh\nrm -rf /\n"u8.ToArray(), "clip.mp4", "video/mp4"), HttpStatusCode.UnsupportedMediaType, "upload_content_type"),
            ("a body that is not multipart", () => mallory.Http.PostAsync("/api/uploads", new ByteArrayContent(photo) { Headers = { ContentType = new("image/jpeg") } }), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
            ("a 1 × 1,000,000 pixel PNG", () => mallory.UploadAsync(TestMedia.PngClaiming(1, 1_000_000), "line.png"), HttpStatusCode.UnprocessableEntity, "image_too_large"),
            ("a PNG claiming 15,000 × 15,000 pixels", () => mallory.UploadAsync(TestMedia.PngClaiming(15_000, 15_000), "bomb.png"), HttpStatusCode.UnprocessableEntity, "image_too_large"),
            ("a zip bomb (200 MiB of zeros)", () => mallory.UploadAsync(zipBomb, "backup.zip"), HttpStatusCode.UnprocessableEntity, "archive_bomb"),
            ("a nested zip bomb (10 × 150 MiB)", () => mallory.UploadAsync(nestedBomb, "nested.zip"), HttpStatusCode.UnprocessableEntity, "archive_bomb"),
            ("a truncated JPEG", () => mallory.UploadAsync(photo[..(photo.Length / 2)], "half.jpg"), HttpStatusCode.UnprocessableEntity, "image_invalid"),
            ("a JPEG with garbage after its header", () => mallory.UploadAsync([.. photo[..200], .. new byte[5000]], "noise.jpg"), HttpStatusCode.UnprocessableEntity, "image_invalid"),
            ("an empty file", () => mallory.UploadAsync([], "empty.txt"), HttpStatusCode.BadRequest, "upload_empty"),
            ("a form without a file part", () => mallory.Http.PostAsync("/api/uploads", new MultipartFormDataContent { { new StringContent("hello"), "note" } }), HttpStatusCode.BadRequest, "multipart_invalid"),
            ("an upload that stops mid-stream", () => mallory.Http.PostAsync("/api/uploads", StopsMidStream(photo)), HttpStatusCode.BadRequest, "upload_incomplete"),
            ("an upload whose closing boundary never comes", () => mallory.Http.PostAsync("/api/uploads", WithoutClosingBoundary(photo)), HttpStatusCode.BadRequest, "upload_incomplete"),
        };

        var store = factory.Services.GetRequiredService<IUploadStore>();
        Assert.Equal(0, (await store.GetUsageSinceAsync(mallory.UserId, DateTimeOffset.UtcNow.AddHours(-1))).Count);
        using var memory = new WorkingSetSampler();
        foreach (var (name, send, status, code) in cases)
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status && body.Contains($"\"code\":\"{code}\"", StringComparison.Ordinal),
                $"{name}: expected {(int)status} {code}, got {(int)response.StatusCode} {body}");
        }

        var grown = memory.Stop();
        Assert.True(grown < 300 * MiB, $"the working set grew by {grown / MiB} MiB while refusing hostile uploads");
        Assert.Equal(0, (await store.GetUsageSinceAsync(mallory.UserId, DateTimeOffset.UtcNow.AddHours(-1))).Count);

        // Still healthy, and still taking honest uploads.
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/ready")).StatusCode);
        var honest = await mallory.UploadOkAsync(photo, "photo.jpg");
        Assert.Equal("image/jpeg", honest.GetProperty("content_type").GetString());
        var smallZip = await mallory.UploadOkAsync(TestMedia.ZipOfZeros(MiB), "notes.zip");
        Assert.Equal("application/zip", smallZip.GetProperty("content_type").GetString());
    }

    [Fact]
    public async Task Another_members_upload_can_be_neither_posted_nor_read()
    {
        var alice = await ChatApi.SignUpAsync(factory.CreateClient);
        var mallory = await ChatApi.SignUpAsync(factory.CreateClient);
        var groupId = await alice.CreateGroupAsync();
        await mallory.JoinAsync(groupId);
        var secret = await alice.UploadOkAsync(TestMedia.Picture(200, 100), "private.png");

        await AssertProblemAsync(await mallory.PostUploadAsync(groupId, "image", secret.Id()), HttpStatusCode.Forbidden, "upload_not_yours");
        await AssertProblemAsync(await mallory.Http.GetAsync($"/api/uploads/{secret.Id()}"), HttpStatusCode.NotFound, "upload_not_found");
        await AssertProblemAsync(await mallory.Http.GetAsync($"/api/uploads/{secret.GetProperty("thumbnail_id").GetString()}"), HttpStatusCode.NotFound, "upload_not_found");
        await AssertProblemAsync(await mallory.Http.GetAsync("/api/uploads/not-hex"), HttpStatusCode.BadRequest, "id_invalid");
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync($"/api/uploads/{secret.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsync("/api/uploads", TestMedia.Form([1, 2, 3], "x.bin"))).StatusCode);
    }

    /// <summary>A multipart body that claims more bytes than it sends, then ends.</summary>
    private static HttpContent StopsMidStream(byte[] file)
    {
        var whole = Multipart(file, closing: true);
        var content = new StreamContent(new MemoryStream(whole, 0, whole.Length / 3));
        content.Headers.ContentType = new("multipart/form-data") { Parameters = { new("boundary", Boundary) } };
        content.Headers.ContentLength = whole.Length;
        return content;
    }

    private static HttpContent WithoutClosingBoundary(byte[] file)
    {
        var content = new ByteArrayContent(Multipart(file, closing: false));
        content.Headers.ContentType = new("multipart/form-data") { Parameters = { new("boundary", Boundary) } };
        return content;
    }

    private const string Boundary = "----upload-test-boundary";

    private static byte[] Multipart(byte[] file, bool closing)
    {
        var head = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes(closing ? $"\r\n--{Boundary}--\r\n" : "\r\n");
        return [.. head, .. file, .. tail];
    }

    /// <summary>Samples the process's working set every 5 ms; <see cref="Stop"/> answers the largest growth over the start.</summary>
    private sealed class WorkingSetSampler : IDisposable
    {
        private readonly long _baseline;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _sampling;

        public WorkingSetSampler()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            _baseline = CurrentWorkingSet();
            _sampling = Task.Run(async () =>
            {
                var peak = _baseline;
                while (!_stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, CurrentWorkingSet());
                    try
                    {
                        await Task.Delay(5, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                return peak;
            });
        }

        public long Stop()
        {
            _stop.Cancel();
            return _sampling.GetAwaiter().GetResult() - _baseline;
        }

        public void Dispose() => _stop.Cancel();

        private static long CurrentWorkingSet()
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }
    }
}
