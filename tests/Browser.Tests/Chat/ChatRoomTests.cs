using System.Net.Http.Json;
using Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests.Chat;

/// <summary>Two people in two browsers: create, find, join, talk live both ways, reload without losing place or doubling.</summary>
[Collection(WebClientCollection.Name)]
public sealed class ChatRoomTests(WebClientFixture fixture)
{
    [Fact]
    public async Task Two_users_find_a_group_join_and_talk_live_both_ways_and_a_reload_keeps_the_room_without_duplicates()
    {
        await using var alice = await fixture.OpenAsync();
        await alice.SignUpAsync();
        var name = WebClientFixture.Unique("Tea house ");
        var groupId = await alice.CreateGroupAsync(name);
        await alice.PostAsync("hello from alice");
        await Expect(alice.Message("hello from alice")).ToHaveCountAsync(1);

        await using var bob = await fixture.OpenAsync();
        await bob.SignUpAsync();
        await bob.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search groups" }).FillAsync(name);
        await bob.Page.Locator("#directory").GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await bob.Page.Locator("#join").ClickAsync();
        await Expect(bob.Message("hello from alice")).ToHaveCountAsync(1);

        // Live both ways.
        await bob.PostAsync("hi from bob");
        await Expect(alice.Message("hi from bob")).ToHaveCountAsync(1);
        await alice.PostAsync("second from alice");
        await Expect(bob.Message("second from alice")).ToHaveCountAsync(1);
        await bob.ScreenshotAsync("chat-room");

        // A second tab of the same person gets the messages live too.
        await using var bobAgain = await bob.OpenSecondTabAsync();
        await bobAgain.OpenGroupAsync(groupId);
        await alice.PostAsync("for both tabs");
        await Expect(bobAgain.Message("for both tabs")).ToHaveCountAsync(1);
        await Expect(bob.Message("for both tabs")).ToHaveCountAsync(1);

        // A reload keeps the room, shows every message once, and the stream goes on.
        await bob.Page.ReloadAsync();
        await Expect(bob.Page.Locator("#room-title")).ToHaveTextAsync(name);
        foreach (var text in new[] { "hello from alice", "hi from bob", "second from alice", "for both tabs" })
            await Expect(bob.Message(text)).ToHaveCountAsync(1);
        await alice.PostAsync("after the reload");
        await Expect(bob.Message("after the reload")).ToHaveCountAsync(1);
        var seqs = await bob.Page.Locator("#messages li[data-seq]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.seq)");
        Assert.Equal(seqs.Length, seqs.Distinct().Count());
    }

    [Fact]
    public async Task When_the_live_stream_is_cut_the_page_reconnects_by_itself_and_shows_what_it_missed_once()
    {
        await using var owner = await fixture.OpenAsync();
        await owner.SignUpAsync();
        var groupId = await owner.CreateGroupAsync(WebClientFixture.Unique("Cut "));
        await using var reader = await fixture.OpenAsync();
        await reader.SignUpAsync();
        await reader.JoinAsync(groupId);
        await owner.PostAsync("before the cut");
        await Expect(reader.Message("before the cut")).ToHaveCountAsync(1);

        // Five more streams of the same user end the page's (the oldest) with "event: reconnect"; the browser comes
        // back by itself a second later with Last-Event-ID, and the server replays what was posted meanwhile.
        var reconnects = 0;
        reader.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/live", StringComparison.Ordinal))
                Interlocked.Increment(ref reconnects);
        };
        using var api = await fixture.ApiAsAsync(reader.Username);
        using var owners = await fixture.ApiAsAsync(owner.Username);
        var others = new List<LiveStream>();
        try
        {
            for (var i = 0; i < 5; i++)
                others.Add(await LiveStream.OpenAsync(api));
            for (var i = 1; i <= 3; i++)
                (await owners.PostAsJsonAsync($"/api/groups/{groupId}/messages", new { client_id = $"gap-{i}", type = "text", text = $"during the gap {i}" })).EnsureSuccessStatusCode();

            for (var i = 1; i <= 3; i++)
                await Expect(reader.Message($"during the gap {i}")).ToHaveCountAsync(1);
            await owner.PostAsync("after the reconnect");
            await Expect(reader.Message("after the reconnect")).ToHaveCountAsync(1);
            await Expect(reader.Message("before the cut")).ToHaveCountAsync(1);
            Assert.True(Volatile.Read(ref reconnects) >= 1, "the page's stream was never cut and reopened");
        }
        finally
        {
            foreach (var stream in others)
                stream.Dispose();
        }
    }

    [Fact]
    public async Task The_directory_searches_and_loads_more()
    {
        await using var user = await fixture.OpenAsync();
        await user.SignUpAsync();
        var prefix = WebClientFixture.Unique("Dir");
        using (var api = await fixture.ApiAsAsync(user.Username))
        {
            for (var i = 0; i < 25; i++)
                (await api.PostAsJsonAsync("/api/groups", new { name = $"{prefix} {i:D2}" })).EnsureSuccessStatusCode();
        }

        await user.Page.GotoAsync("/#/groups");
        await user.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search groups" }).FillAsync(prefix);
        var items = user.Page.Locator("#directory li", new() { HasText = prefix });
        await Expect(items).ToHaveCountAsync(20);
        await user.Page.Locator("#load-more").ClickAsync();
        await Expect(items).ToHaveCountAsync(25);
        await Expect(user.Page.Locator("#load-more")).ToBeHiddenAsync();
        var names = await items.Locator("a").AllTextContentsAsync();
        Assert.Equal(25, names.Distinct().Count());
    }
}
