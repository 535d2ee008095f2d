using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Chat;
using Grains.Interfaces.Chat;
using TestSupport;
using TestSupport.Media;
using static Gateway.Tests.Uploads.UploadApi;

namespace Gateway.Tests.Uploads;

/// <summary>The supergroup's QR-code filter: images holding a QR code are refused for members while detect_qr is on.</summary>
public sealed class QrFilterTests(UploadGatewayFactory factory) : IClassFixture<UploadGatewayFactory>
{
    [Fact]
    public async Task A_member_posting_a_qr_image_gets_422_qr_refused_and_the_group_template_while_plain_images_and_operators_pass()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var member = await ChatApi.SignUpAsync(factory.CreateClient);
        var groupId = await owner.CreateGroupAsync("No spam codes");
        await member.JoinAsync(groupId);
        var settings = await owner.PatchAsync(groupId, new
        {
            detect_qr = true,
            rate_limit = new { messages = 0, period_seconds = 1, burst = 1 },
            templates = new { qr_refused = "{user}: no QR codes in {group}, please." },
        });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.True((await settings.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("settings").GetProperty("detect_qr").GetBoolean());

        var qrPng = await member.UploadOkAsync(TestMedia.QrPicture("https://spam.example/join"), "qr.png");
        var qrJpeg = await member.UploadOkAsync(TestMedia.QrPicture("weixin://spam", 900, SkiaSharp.SKEncodedImageFormat.Jpeg), "qr.jpg");
        var plain = await member.UploadOkAsync(TestMedia.Picture(480, 480), "plain.png");

        using var live = await member.ConnectLiveAsync();
        var refused = await member.PostUploadAsync(groupId, "image", qrPng.Id());
        await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "qr_refused");
        var expected = $"{member.Username}: no QR codes in No spam codes, please.";
        Assert.Equal(expected, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var tip = await live.NextMessageAsync();
        Assert.Equal((ChatEventKinds.Private, expected), (tip.Kind, tip.Text));

        await AssertProblemAsync(await member.PostUploadAsync(groupId, "image", qrJpeg.Id()), HttpStatusCode.UnprocessableEntity, "qr_refused");
        // Sending the picture as a file does not get around the filter.
        await AssertProblemAsync(await member.PostUploadAsync(groupId, "file", qrPng.Id()), HttpStatusCode.UnprocessableEntity, "qr_refused");
        Assert.Equal(HttpStatusCode.Created, (await member.PostUploadAsync(groupId, "image", plain.Id())).StatusCode);

        // Operators are exempt, as with links; the owner's own QR image goes in.
        var ownersQr = await owner.UploadOkAsync(TestMedia.QrPicture("https://shop.example/official"), "official.png");
        Assert.Equal(HttpStatusCode.Created, (await owner.PostUploadAsync(groupId, "image", ownersQr.Id())).StatusCode);

        // With the switch off (the default) members may post QR images.
        Assert.Equal(HttpStatusCode.OK, (await owner.PatchAsync(groupId, new { detect_qr = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await member.PostUploadAsync(groupId, "image", qrPng.Id())).StatusCode);

        var history = await owner.Http.GetFromJsonAsync<HistoryPage>($"/api/groups/{groupId}/messages?before=1000&limit=3", ApiJsonOptions.Instance);
        Assert.Equal([plain.Id(), ownersQr.Id(), qrPng.Id()], history!.Messages.Select(m => m.Media?.UploadId));
    }

    [Fact]
    public async Task Outside_image_urls_cannot_be_checked_so_the_filter_keeps_them_to_moderators()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var member = await ChatApi.SignUpAsync(factory.CreateClient);
        var groupId = await owner.CreateGroupAsync();
        await member.JoinAsync(groupId);
        Assert.Equal(HttpStatusCode.OK, (await owner.PatchAsync(groupId, new { detect_qr = true })).StatusCode);

        await AssertProblemAsync(await member.PostAsync(groupId, new { client_id = "o1", type = "image", url = "https://cdn.example/qr.png" }), HttpStatusCode.UnprocessableEntity, "qr_refused");
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync(groupId, new { client_id = "o2", type = "image", url = "https://cdn.example/banner.png" })).StatusCode);
    }
}
