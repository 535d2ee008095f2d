using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Chat;

/// <summary><c>GET /api/me/groups</c>: the caller's groups with role and unread count, for a client's list of chats.</summary>
public sealed class MyGroupsTests(ChatGatewayFactory factory) : IClassFixture<ChatGatewayFactory>
{
    [Fact]
    public async Task Lists_the_callers_groups_with_role_and_unread_count_and_drops_a_group_left()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var member = await ChatApi.SignUpAsync(factory.CreateClient);
        var kept = await owner.CreateGroupAsync("kept");
        var left = await owner.CreateGroupAsync("left");
        await owner.CreateGroupAsync("not joined");
        await member.JoinAsync(kept);
        await member.JoinAsync(left);
        await owner.SayAsync(kept, "one");
        await owner.SayAsync(kept, "two");

        var mine = await MyGroupsAsync(member);
        Assert.Equal(["kept", "left"], mine.Select(g => g.GetProperty("name").GetString()).Order());
        var keptView = mine.Single(g => g.GetProperty("id").GetString() == kept);
        Assert.Equal("member", keptView.GetProperty("role").GetString());
        var lastSeq = keptView.GetProperty("last_seq").GetInt64();
        Assert.Equal(lastSeq - keptView.GetProperty("last_read_seq").GetInt64(), keptView.GetProperty("unread").GetInt64());
        Assert.True(keptView.GetProperty("unread").GetInt64() >= 2);

        Assert.Equal(HttpStatusCode.OK, (await member.Http.PutAsJsonAsync($"/api/groups/{kept}/read", new { seq = lastSeq })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await member.Http.DeleteAsync($"/api/groups/{left}/members/me")).StatusCode);
        mine = await MyGroupsAsync(member);
        var only = Assert.Single(mine);
        Assert.Equal(kept, only.GetProperty("id").GetString());
        Assert.Equal(0, only.GetProperty("unread").GetInt64());
        Assert.Equal("owner", (await MyGroupsAsync(owner)).Single(g => g.GetProperty("id").GetString() == kept).GetProperty("role").GetString());

        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/groups")).StatusCode);
    }

    private static async Task<JsonElement[]> MyGroupsAsync(ChatApi user) =>
        [.. (await user.Http.GetFromJsonAsync<JsonElement>("/api/me/groups")).EnumerateArray()];
}
