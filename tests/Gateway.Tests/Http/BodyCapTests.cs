using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Chain;
using Gateway.Tests.Chat;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Http;

/// <summary>
/// Request bodies are capped per route before anything binds them (64 KiB for chat JSON, 4 KiB for credentials):
/// an oversized body is 413 <c>body_too_large</c>, answered without reading the body to its end. Real Kestrel,
/// because the in-memory test server enforces no body size.
/// </summary>
public sealed class BodyCapTests(KestrelGatewayFactory factory) : IClassFixture<KestrelGatewayFactory>
{
    private const long TwentyMegabytes = 20L * 1024 * 1024;
    private const long OneMegabyte = 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<(ChatApi Member, string Group, string Token)> MemberOfAGroupAsync()
    {
        var member = await ChatApi.SignUpAsync(() => factory.CreateSocketClient());
        var group = await member.CreateGroupAsync();
        return (member, group, member.Http.DefaultRequestHeaders.Authorization!.Parameter!);
    }

    private static void AssertBodyTooLarge(RawUpload.Answer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.RequestEntityTooLarge, $"expected 413, got {(int)answer.Status}: {answer.Body}");
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal("body_too_large", JsonDocument.Parse(answer.Body).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_20_MB_message_announced_by_Content_Length_is_413_body_too_large_before_any_of_it_is_sent()
    {
        var (_, group, token) = await MemberOfAGroupAsync();

        // Not one body byte is sent: the server must answer from the Content-Length alone.
        var answer = await RawUpload.PostAsync(factory.Address, $"/api/groups/{group}/messages", token, TwentyMegabytes, budget: 0, Patience);

        AssertBodyTooLarge(answer);
        Assert.Equal(0, answer.BodyBytesWritten);
    }

    [Fact]
    public async Task A_20_MB_message_announced_by_Content_Length_is_413_while_the_client_is_still_sending()
    {
        var (_, group, token) = await MemberOfAGroupAsync();

        var answer = await RawUpload.PostAsync(factory.Address, $"/api/groups/{group}/messages", token, TwentyMegabytes, budget: TwentyMegabytes, Patience);

        // What the client manages to write before the answer sits in socket buffers and in Kestrel's read-ahead pipe
        // (about 5 MB on Linux loopback), never handed to the application; the test above shows none of it is needed.
        // Here: the answer comes while the body is still unfinished, so the server did not wait for all of it.
        AssertBodyTooLarge(answer);
        Assert.True(answer.BodyBytesWritten < TwentyMegabytes, $"the client wrote all {answer.BodyBytesWritten} bytes before the answer");
    }

    [Fact]
    public async Task A_chunked_message_without_Content_Length_is_413_body_too_large_after_at_most_1_MiB()
    {
        var (_, group, token) = await MemberOfAGroupAsync();

        // The client offers at most 1 MiB of an unending chunked body: the answer must come from the cap (64 KiB),
        // not from the end of the body.
        var answer = await RawUpload.PostAsync(factory.Address, $"/api/groups/{group}/messages", token, contentLength: null, budget: OneMegabyte, Patience);

        AssertBodyTooLarge(answer);
        Assert.InRange(answer.BodyBytesWritten, 64 * 1024, OneMegabyte);
    }

    [Fact]
    public async Task A_message_body_just_over_64_KiB_is_413_body_too_large_while_60_KiB_reaches_the_group()
    {
        var (member, group, token) = await MemberOfAGroupAsync();

        var over = await RawUpload.PostAsync(factory.Address, $"/api/groups/{group}/messages", token, 64 * 1024 + 1, budget: 0, Patience);
        AssertBodyTooLarge(over);

        // Under the cap the body is bound and the group judges it by its own (smaller) message limit.
        using var under = await member.PostAsync(group, new { client_id = "c60", type = "text", text = new string('a', 60 * 1024) });
        await under.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "message_too_large");
    }

    [Fact]
    public async Task Credentials_routes_refuse_a_5_KiB_body_with_413_body_too_large()
    {
        foreach (var path in new[] { "/api/accounts", "/api/auth/token" })
            AssertBodyTooLarge(await RawUpload.PostAsync(factory.Address, path, bearer: null, 5 * 1024, budget: 0, Patience));

        // Under 4 KiB the body is read and judged on its content.
        var http = factory.CreateSocketClient();
        var large = new { username = "someone", password = new string('p', 3 * 1024) };
        await (await http.PostAsJsonAsync("/api/accounts", large)).ProblemAsync(HttpStatusCode.BadRequest, "password_invalid");
        await (await http.PostAsJsonAsync("/api/auth/token", large)).ProblemAsync(HttpStatusCode.BadRequest, "password_too_long");
    }

    [Fact]
    public async Task Chain_routes_refuse_bodies_over_64_KiB_with_413_body_too_large()
    {
        using var client = factory.CreateSocketClient();
        var node = ChainHttp.Unique("n");
        var huge = new StringContent("{\"to\": \"" + new string('a', 70_000) + "\"}", System.Text.Encoding.UTF8, "application/json");
        await (await client.PostAsync($"/api/nodes/{node}/transactions", huge)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        await (await client.PostRawAsync($"/api/nodes/{ChainHttp.Unique("n")}/peers", "{\"peers\": [" + string.Join(',', Enumerable.Repeat("\"xxxxxxxx\"", 9_000)) + "]}"))
            .ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        await (await client.PostRawAsync($"/{ChainHttp.Unique("n")}/transactions/new", "{\"sender\": \"" + new string('b', 70_000) + "\"}"))
            .ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }
}
