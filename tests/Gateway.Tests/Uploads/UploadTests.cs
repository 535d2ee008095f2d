using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Tests.Chat;
using Grains.Interfaces.Chat;
using Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using TestSupport;
using TestSupport.Media;
using static Gateway.Tests.Uploads.UploadApi;

namespace Gateway.Tests.Uploads;

/// <summary>Each kind of upload over HTTP: stored, described, posted, read back by members only, with ranges and ETags.</summary>
public sealed class UploadTests(UploadGatewayFactory factory) : IClassFixture<UploadGatewayFactory>
{
    [Fact]
    public async Task An_image_is_stored_described_thumbnailed_posted_and_readable_by_members_only()
    {
        var (owner, member, stranger, groupId) = await GroupAsync();
        var png = TestMedia.Picture(1200, 800);

        var upload = await member.UploadOkAsync(png, "sunset.png");
        Assert.Equal("image", upload.GetProperty("kind").GetString());
        Assert.Equal("image/png", upload.GetProperty("content_type").GetString());
        Assert.Equal(png.Length, upload.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), upload.GetProperty("sha256").GetString());
        Assert.Equal(1200, upload.GetProperty("width").GetInt32());
        Assert.Equal(800, upload.GetProperty("height").GetInt32());
        Assert.Equal("sunset.png", upload.GetProperty("file_name").GetString());
        var thumbnailId = upload.GetProperty("thumbnail_id").GetString()!;

        // Before it is posted only the uploader reads it.
        Assert.Equal(png, await member.Http.GetByteArrayAsync($"/api/uploads/{upload.Id()}"));
        await AssertProblemAsync(await owner.Http.GetAsync($"/api/uploads/{upload.Id()}"), HttpStatusCode.NotFound, "upload_not_found");

        var posted = await member.PostUploadAsync(groupId, "image", upload.Id());
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var message = (await posted.Content.ReadFromJsonAsync<ChatMessage>(ApiJsonOptions.Instance))!;
        Assert.Equal(new MediaRef(upload.Id(), "image/png", png.Length, 1200, 800, null, thumbnailId, "sunset.png"), message.Media);

        // Members of the group read it and its thumbnail; a stranger learns nothing.
        var read = await owner.Http.GetAsync($"/api/uploads/{upload.Id()}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("image/png", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await read.Content.ReadAsByteArrayAsync());
        Assert.Equal("inline", read.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", read.Headers.GetValues("X-Content-Type-Options").Single());
        var thumbnail = await owner.Http.GetAsync($"/api/uploads/{thumbnailId}");
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        using (var decoded = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync()))
            Assert.Equal((320, 213), (decoded.Width, decoded.Height));
        await AssertProblemAsync(await stranger.Http.GetAsync($"/api/uploads/{upload.Id()}"), HttpStatusCode.NotFound, "upload_not_found");
        await AssertProblemAsync(await stranger.Http.GetAsync($"/api/uploads/{thumbnailId}"), HttpStatusCode.NotFound, "upload_not_found");

        // History carries the same description.
        var history = await owner.Http.GetFromJsonAsync<HistoryPage>($"/api/groups/{groupId}/messages?before={message.Seq + 1}&limit=1", ApiJsonOptions.Instance);
        Assert.Equal(message.Media, history!.Messages.Single().Media);
    }

    [Fact]
    public async Task Audio_video_and_files_are_recognised_by_their_bytes_and_posted_as_their_kind()
    {
        var (owner, member, _, groupId) = await GroupAsync();

        var wav = await member.UploadOkAsync(TestMedia.Wav(1500), "note.wav");
        Assert.Equal(("audio", "audio/wav", 1500L), (wav.GetProperty("kind").GetString(), wav.GetProperty("content_type").GetString(), wav.GetProperty("duration_ms").GetInt64()));
        var mp3 = await member.UploadOkAsync(TestMedia.Mp3(), "song.bin", "application/octet-stream");
        Assert.Equal(("audio", "audio/mpeg"), (mp3.GetProperty("kind").GetString(), mp3.GetProperty("content_type").GetString()));
        var mp4 = await member.UploadOkAsync(TestMedia.Mp4(2500), "clip.mp4", "video/mp4");
        Assert.Equal(("video", "video/mp4", 2500L), (mp4.GetProperty("kind").GetString(), mp4.GetProperty("content_type").GetString(), mp4.GetProperty("duration_ms").GetInt64()));
        var pdf = await member.UploadOkAsync("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"u8.ToArray(), "minutes.pdf");
        Assert.Equal(("file", "application/pdf"), (pdf.GetProperty("kind").GetString(), pdf.GetProperty("content_type").GetString()));
        var svg = await member.UploadOkAsync("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "logo.svg");
        Assert.Equal(("file", "text/plain; charset=utf-8"), (svg.GetProperty("kind").GetString(), svg.GetProperty("content_type").GetString()));

        foreach (var (type, upload) in new[] { ("audio", wav), ("audio", mp3), ("video", mp4), ("file", pdf), ("file", svg) })
        {
            var posted = await member.PostUploadAsync(groupId, type, upload.Id());
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            Assert.Equal(upload.Id(), (await posted.Content.ReadFromJsonAsync<ChatMessage>(ApiJsonOptions.Instance))!.Media!.UploadId);
        }

        // Files are downloads, never shown inline (an SVG with a script stays inert).
        var download = await owner.Http.GetAsync($"/api/uploads/{svg.Id()}");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("logo.svg", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());

        // An upload goes only as its own kind (or as a file).
        await AssertProblemAsync(await member.PostUploadAsync(groupId, "image", wav.Id()), HttpStatusCode.UnprocessableEntity, "upload_type_mismatch");
        await AssertProblemAsync(await member.PostUploadAsync(groupId, "video", pdf.Id()), HttpStatusCode.UnprocessableEntity, "upload_type_mismatch");
        Assert.Equal(HttpStatusCode.Created, (await member.PostUploadAsync(groupId, "file", mp4.Id())).StatusCode);
    }

    [Fact]
    public async Task Downloads_honour_ranges_and_etags_and_are_cached_privately()
    {
        var (_, member, _, _) = await GroupAsync();
        var bytes = TestMedia.Mp4(1000, mediaBytes: 700_000); // three chunks of 256 KiB
        var upload = await member.UploadOkAsync(bytes, "clip.mp4");
        var path = $"/api/uploads/{upload.Id()}";

        var full = await member.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("bytes", full.Headers.AcceptRanges.Single());
        Assert.Equal($"\"{upload.GetProperty("sha256").GetString()}\"", full.Headers.ETag!.Tag);
        Assert.True(full.Headers.CacheControl!.Private);
        Assert.Equal(TimeSpan.FromDays(365), full.Headers.CacheControl.MaxAge);

        // A range across the first chunk boundary.
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Range = new RangeHeaderValue(262_000, 262_299);
        var part = await member.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(bytes.AsSpan(262_000, 300).ToArray(), await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes.Length, part.Content.Headers.ContentRange!.Length);

        var tail = new HttpRequestMessage(HttpMethod.Get, path);
        tail.Headers.Range = new RangeHeaderValue(null, 10);
        Assert.Equal(bytes[^10..], await (await member.Http.SendAsync(tail)).Content.ReadAsByteArrayAsync());

        var beyond = new HttpRequestMessage(HttpMethod.Get, path);
        beyond.Headers.Range = new RangeHeaderValue(bytes.Length + 10, null);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await member.Http.SendAsync(beyond)).StatusCode);

        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(full.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await member.Http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Each_kind_has_its_cap_and_an_upload_over_it_stores_nothing()
    {
        var (_, member, _, _) = await GroupAsync();
        var before = await UsageAsync(member);

        await AssertProblemAsync(await member.UploadAsync(TestMedia.Wav((int)(UploadGatewayFactory.AudioCap / 16)), "long.wav"), HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        await AssertProblemAsync(await member.UploadAsync(TestMedia.Mp4(1000, (int)UploadGatewayFactory.VideoCap), "long.mp4"), HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        await AssertProblemAsync(await member.UploadAsync(new byte[UploadGatewayFactory.FileCap + 1], "big.bin"), HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        var noise = new byte[UploadGatewayFactory.ImageCap + 1];
        TestMedia.Picture(64, 64).CopyTo(noise, 0);
        await AssertProblemAsync(await member.UploadAsync(noise, "huge.png"), HttpStatusCode.RequestEntityTooLarge, "upload_too_large");

        // Without a Content-Length the cap is found while streaming.
        var chunked = TestMedia.Form(new byte[UploadGatewayFactory.FileCap + 4096], "streamed.bin");
        await chunked.LoadIntoBufferAsync();
        var streamed = new HttpRequestMessage(HttpMethod.Post, "/api/uploads") { Content = new StreamContent(await chunked.ReadAsStreamAsync()) };
        streamed.Content.Headers.ContentType = chunked.Headers.ContentType;
        streamed.Headers.TransferEncodingChunked = true;
        await AssertProblemAsync(await member.Http.SendAsync(streamed), HttpStatusCode.RequestEntityTooLarge, "upload_too_large");

        // Right at the cap is fine.
        Assert.Equal(UploadGatewayFactory.FileCap, (await member.UploadOkAsync(new byte[UploadGatewayFactory.FileCap], "exact.bin")).GetProperty("size").GetInt64());
        Assert.Equal(before.Count + 1, (await UsageAsync(member)).Count);
    }

    [Fact]
    public async Task Media_messages_name_an_upload_and_outside_urls_need_the_link_type()
    {
        var (owner, member, _, groupId) = await GroupAsync();
        Assert.Equal(HttpStatusCode.OK, (await owner.PatchAsync(groupId, new { allowed_types = new[] { "text", "image", "audio", "video", "file" } })).StatusCode);

        await AssertProblemAsync(await member.PostAsync(groupId, new { client_id = "u1", type = "image", url = "https://cdn.example/cat.png" }), HttpStatusCode.UnprocessableEntity, "upload_required");
        await AssertProblemAsync(await member.PostAsync(groupId, new { client_id = "u2", type = "image" }), HttpStatusCode.BadRequest, "url_invalid");
        await AssertProblemAsync(await member.PostAsync(groupId, new { client_id = "u3", type = "image", upload_id = "not-an-id" }), HttpStatusCode.BadRequest, "upload_not_found");
        await AssertProblemAsync(await member.PostUploadAsync(groupId, "image", new string('a', 32)), HttpStatusCode.UnprocessableEntity, "upload_not_found");

        // A thumbnail is not an upload of its own to post.
        var upload = await member.UploadOkAsync(TestMedia.Picture(100, 100), "dot.png");
        await AssertProblemAsync(await member.PostUploadAsync(groupId, "image", upload.GetProperty("thumbnail_id").GetString()!), HttpStatusCode.UnprocessableEntity, "upload_not_found");

        Assert.Equal(HttpStatusCode.OK, (await owner.PatchAsync(groupId, new { allowed_types = MessageTypes.All.Where(t => t != "red_packet").ToArray() })).StatusCode);
        var outside = await member.PostAsync(groupId, new { client_id = "u4", type = "image", url = "https://cdn.example/cat.png" });
        Assert.Equal(HttpStatusCode.Created, outside.StatusCode);

        // A recalled media message no longer describes its upload.
        var posted = await (await member.PostUploadAsync(groupId, "image", upload.Id())).Content.ReadFromJsonAsync<ChatMessage>(ApiJsonOptions.Instance);
        Assert.Equal(HttpStatusCode.OK, (await member.Http.DeleteAsync($"/api/groups/{groupId}/messages/{posted!.Seq}")).StatusCode);
        var history = await owner.Http.GetFromJsonAsync<HistoryPage>($"/api/groups/{groupId}/messages?after={posted.Seq - 1}&limit=1", ApiJsonOptions.Instance);
        Assert.True(history!.Messages.Single().Recalled);
        Assert.Null(history.Messages.Single().Media);
    }

    private async Task<(ChatApi Owner, ChatApi Member, ChatApi Stranger, string GroupId)> GroupAsync()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var member = await ChatApi.SignUpAsync(factory.CreateClient);
        var stranger = await ChatApi.SignUpAsync(factory.CreateClient);
        var groupId = await owner.CreateGroupAsync();
        await member.JoinAsync(groupId);
        Assert.Equal(HttpStatusCode.OK, (await owner.PatchAsync(groupId, new { rate_limit = new { messages = 0, period_seconds = 1, burst = 1 } })).StatusCode);
        return (owner, member, stranger, groupId);
    }

    private Task<UploadUsage> UsageAsync(ChatApi user) =>
        factory.Services.GetRequiredService<IUploadStore>().GetUsageSinceAsync(user.UserId, DateTimeOffset.UtcNow.AddHours(-1));
}
