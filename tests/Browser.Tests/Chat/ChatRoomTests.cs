using Browser.Tests.Infrastructure;
using Microsoft.Playwright;
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
}
