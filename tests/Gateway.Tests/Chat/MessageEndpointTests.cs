using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces.Chat;
using TestSupport;

namespace Gateway.Tests.Chat;

public sealed class MessageEndpointTests(ChatGatewayFactory factory) : IClassFixture<ChatGatewayFactory>
{
    [Fact]
    public async Task Refusals_come_back_as_403_413_422_and_429_problem_details_and_store_nothing()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var member = await ChatApi.SignUpAsync(factory.CreateClient);
        var stranger = await ChatApi.SignUpAsync(factory.CreateClient);
        var groupId = await owner.CreateGroupAsync();
        await member.JoinAsync(groupId);
        var patch = await owner.PatchAsync(groupId, new
        {
            allowed_types = new[] { "text", "image" },
            link_filter = true,
            max_message_bytes = 64,
            rate_limit = new { messages = 1, period_seconds = 60, burst = 2 },
        });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var lastSeq = (await owner.Http.GetFromJsonAsync<GroupView>($"/api/groups/{groupId}", ApiJsonOptions.Instance))!.LastSeq;

        await AssertProblemAsync(await stranger.PostAsync(groupId, Text("s1", "hi")), HttpStatusCode.Forbidden, "not_member");
        await AssertProblemAsync(await member.PatchAsync(groupId, new { mute_all = true }), HttpStatusCode.Forbidden, "moderators_only");
        await AssertProblemAsync(await member.PostAsync(groupId, new { client_id = "v1", type = "video", url = "https://cdn.example/v.mp4" }), HttpStatusCode.UnprocessableEntity, "type_not_allowed");
        await AssertProblemAsync(await member.PostAsync(groupId, Text("l1", "join t.me/spam")), HttpStatusCode.UnprocessableEntity, "link_refused");
        await AssertProblemAsync(await member.PostAsync(groupId, Text("big", new string('x', 65))), HttpStatusCode.RequestEntityTooLarge, "message_too_large");
        await AssertProblemAsync(await member.PostAsync(groupId, new { type = "text", text = "no client id" }), HttpStatusCode.BadRequest, "client_id_invalid");

        Assert.Equal(HttpStatusCode.Created, (await member.PostAsync(groupId, Text("ok1", "one"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsync(groupId, Text("ok2", "two"))).StatusCode);
        var tooMany = await member.PostAsync(groupId, Text("x3", "three"));
        await AssertProblemAsync(tooMany, HttpStatusCode.TooManyRequests, "too_frequent");
        Assert.True(int.Parse(tooMany.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);

        // The retry of an accepted post is answered with the first result, not refused by the rate limit.
        var retry = await member.PostAsync(groupId, Text("ok2", "two"));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await owner.PatchAsync(groupId, new { mute_all = true })).StatusCode);
        await AssertProblemAsync(await member.PostAsync(groupId, Text("m1", "muted?")), HttpStatusCode.Forbidden, "muted");

        var history = await owner.Http.GetFromJsonAsync<HistoryPage>($"/api/groups/{groupId}/messages?after={lastSeq}", ApiJsonOptions.Instance);
        Assert.Equal(["ok1", "ok2", null], history!.Messages.Select(m => m.ClientId));
        Assert.Equal(ChatEventKinds.System, history.Messages[^1].Kind);
    }

    [Fact]
    public async Task History_read_markers_and_member_paging_work_over_http()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var reader = await ChatApi.SignUpAsync(factory.CreateClient);
        var groupId = await owner.CreateGroupAsync(shards: 3);
        await reader.JoinAsync(groupId);
        for (var i = 0; i < 6; i++)
            await owner.SayAsync(groupId, $"m{i}");
        var last = (await owner.Http.GetFromJsonAsync<GroupView>($"/api/groups/{groupId}", ApiJsonOptions.Instance))!.LastSeq;

        var before = await reader.Http.GetFromJsonAsync<HistoryPage>($"/api/groups/{groupId}/messages?before={last}&limit=2", ApiJsonOptions.Instance);
        Assert.Equal([last - 2, last - 1], before!.Messages.Select(m => m.Seq));
        var read = await reader.Http.PutAsJsonAsync($"/api/groups/{groupId}/read", new { seq = last - 4 });
        Assert.Equal(new ReadState(last - 4, last, 4), await read.Content.ReadFromJsonAsync<ReadState>(ApiJsonOptions.Instance));
        Assert.Equal(4, (await reader.Http.GetFromJsonAsync<ReadState>($"/api/groups/{groupId}/read", ApiJsonOptions.Instance))!.Unread);

        var page1 = await reader.Http.GetFromJsonAsync<MemberPage>($"/api/groups/{groupId}/members?limit=1", ApiJsonOptions.Instance);
        var page2 = await reader.Http.GetFromJsonAsync<MemberPage>($"/api/groups/{groupId}/members?limit=1&cursor={page1!.NextCursor}", ApiJsonOptions.Instance);
        Assert.Null(page2!.NextCursor);
        Assert.Equal(new[] { owner.UserId, reader.UserId }.Order(), page1.Items.Concat(page2.Items).Select(m => m.UserId).Order());
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.Http.GetAsync($"/api/groups/{groupId}/members?cursor=forged")).StatusCode);
    }

    [Fact]
    public async Task Operators_ban_and_unban_and_only_the_owner_names_operators()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var op = await ChatApi.SignUpAsync(factory.CreateClient);
        var troll = await ChatApi.SignUpAsync(factory.CreateClient);
        var groupId = await owner.CreateGroupAsync();
        await op.JoinAsync(groupId);
        await troll.JoinAsync(groupId);

        Assert.Equal(HttpStatusCode.Forbidden, (await op.Http.PutAsync($"/api/groups/{groupId}/operators/{op.Username}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.PutAsync($"/api/groups/{groupId}/operators/{op.Username}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await op.Http.PutAsync($"/api/groups/{groupId}/bans/{troll.Username}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await troll.Http.PostAsync($"/api/groups/{groupId}/members", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await op.Http.DeleteAsync($"/api/groups/{groupId}/bans/{troll.Username}")).StatusCode);
        await troll.JoinAsync(groupId);
        Assert.Equal(HttpStatusCode.NoContent, (await op.Http.DeleteAsync($"/api/groups/{groupId}/members/{troll.Username}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await op.Http.DeleteAsync($"/api/groups/{groupId}/members/me")).StatusCode);
        var view = await owner.Http.GetFromJsonAsync<GroupView>($"/api/groups/{groupId}", ApiJsonOptions.Instance);
        Assert.Equal((1, 0), (view!.MemberCount, view.Operators.Length));
    }

    [Fact]
    public async Task The_directory_pages_and_searches_without_repeats()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
            ids.Add(await owner.CreateGroupAsync($"dir {tag} {i}", shards: 1));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await owner.Http.GetFromJsonAsync<GroupDirectoryPage>($"/api/groups?q={tag}&limit=3" + (cursor is null ? "" : $"&cursor={cursor}"), ApiJsonOptions.Instance);
            seen.AddRange(page!.Items.Select(g => g.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync("/api/groups/no-such-group")).StatusCode);
    }

    private static object Text(string clientId, string text) => new { client_id = clientId, type = "text", text };

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, body.GetProperty("code").GetString());
    }
}
