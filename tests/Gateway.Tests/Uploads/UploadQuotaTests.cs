using System.Globalization;
using System.Net;
using Gateway.Tests.Chat;
using Gateway.Tests.Infrastructure;
using TestSupport.Media;
using static Gateway.Tests.Uploads.UploadApi;

namespace Gateway.Tests.Uploads;

/// <summary>The hourly upload quota per account: by count and by bytes, each account on its own, refusals not counted.</summary>
public sealed class UploadQuotaTests(UploadQuotaTests.QuotaFactory factory) : IClassFixture<UploadQuotaTests.QuotaFactory>
{
    public sealed class QuotaFactory : ChatGatewayFactory
    {
        public QuotaFactory()
        {
            With("Uploads:UploadsPerHour", "3");
            With("Uploads:BytesPerHour", (600 * 1024).ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task The_fourth_upload_in_an_hour_is_429_upload_quota_with_retry_after_and_other_accounts_are_unaffected()
    {
        var busy = await ChatApi.SignUpAsync(factory.CreateClient);
        var other = await ChatApi.SignUpAsync(factory.CreateClient);

        // A refused upload does not count.
        await AssertProblemAsync(await busy.UploadAsync(TestMedia.PngClaiming(1, 1_000_000), "line.png"), HttpStatusCode.UnprocessableEntity, "image_too_large");
        for (var i = 0; i < 3; i++)
            await busy.UploadOkAsync(TestMedia.Wav(100 + i), $"n{i}.wav");

        var refused = await busy.UploadAsync(TestMedia.Wav(100), "n4.wav");
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "upload_quota");
        var retryAfter = int.Parse(refused.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3000, 3600);

        await other.UploadOkAsync(TestMedia.Wav(100), "mine.wav");
    }

    [Fact]
    public async Task Bytes_count_too_an_upload_past_the_hourly_bytes_is_refused_before_it_is_read()
    {
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        await user.UploadOkAsync(new byte[400 * 1024], "a.bin");
        await AssertProblemAsync(await user.UploadAsync(new byte[300 * 1024], "b.bin"), HttpStatusCode.TooManyRequests, "upload_quota");
        await user.UploadOkAsync(new byte[100 * 1024], "c.bin");
    }
}
