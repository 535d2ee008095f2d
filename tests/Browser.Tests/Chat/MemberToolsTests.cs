using System.Net.Http.Json;
using Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests.Chat;

/// <summary>What a member does in a room besides talking: history upward, unread counts, /INFO, recall, subscriptions, leaving.</summary>
[Collection(WebClientCollection.Name)]
public sealed class MemberToolsTests(WebClientFixture fixture)
{
    [Fact]
    public async Task Older_history_loads_upward_and_unread_counts_show_for_other_groups()
    {
        await using var owner = await fixture.OpenAsync();
        await owner.SignUpAsync();
        var busy = await owner.CreateGroupAsync(WebClientFixture.Unique("Busy "));
        using (var api = await fixture.ApiAsAsync(owner.Username))
        {
            for (var i = 1; i <= 70; i++)
                (await api.PostAsJsonAsync($"/api/groups/{busy}/messages", new { client_id = $"seed-{i}", type = "text", text = $"seeded message {i:D2}" })).EnsureSuccessStatusCode();
        }

        await using var reader = await fixture.OpenAsync();
        await reader.SignUpAsync();
        await reader.JoinAsync(busy);
        await Expect(reader.Message("seeded message 70")).ToHaveCountAsync(1);
        await Expect(reader.Message("seeded message 01")).ToHaveCountAsync(0);
        await reader.Page.Locator("#load-older").ClickAsync();
        await Expect(reader.Message("seeded message 01")).ToHaveCountAsync(1);
        await Expect(reader.Page.Locator("#messages li[data-seq]")).ToHaveCountAsync(71);

        // Away from the room, new messages there count as unread in the list of groups; opening it clears the count.
        await reader.Page.GotoAsync("/#/groups");
        await owner.OpenGroupAsync(busy);
        await owner.PostAsync("while you were away");
        await owner.PostAsync("and again");
        var entry = reader.Page.Locator($"#mygroups li[data-group='{busy}']");
        await Expect(entry.Locator(".badge")).ToHaveTextAsync("2");
        await entry.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(reader.Message("and again")).ToHaveCountAsync(1);
        await Expect(entry.Locator(".badge")).ToHaveCountAsync(0);
        await reader.Page.ReloadAsync();
        await Expect(reader.Page.Locator($"#mygroups li[data-group='{busy}'] .badge")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Info_answers_privately_own_messages_can_be_recalled_and_a_member_unsubscribes_resubscribes_and_leaves()
    {
        await using var owner = await fixture.OpenAsync();
        await owner.SignUpAsync();
        var groupId = await owner.CreateGroupAsync(WebClientFixture.Unique("Club "));
        await using var member = await fixture.OpenAsync();
        await member.SignUpAsync();
        await member.JoinAsync(groupId);

        await member.PostAsync("/INFO");
        await Expect(member.Page.Locator("#room-notes")).Not.ToBeEmptyAsync();
        await Expect(owner.Page.Locator("#messages")).Not.ToContainTextAsync("/INFO");

        await member.PostAsync("typo here");
        var mine = member.Message("typo here");
        await mine.GetByRole(AriaRole.Button, new() { Name = "Recall" }).ClickAsync();
        await Expect(member.Page.Locator("#messages li.recalled")).ToHaveCountAsync(1);
        await Expect(owner.Message("typo here")).ToHaveCountAsync(0);

        await member.Page.Locator("#unsubscribe").ClickAsync();
        await Expect(member.Page.Locator("#unsubscribed")).ToBeVisibleAsync();
        await owner.PostAsync("said while unsubscribed");
        await member.Page.Locator("#subscribe").ClickAsync();
        await Expect(member.Page.Locator("#composer")).ToBeVisibleAsync();

        await member.Page.Locator("#leave").ClickAsync();
        await Expect(member.Page.Locator("#join")).ToBeVisibleAsync();
        await Expect(member.Page.Locator($"#mygroups li[data-group='{groupId}']")).ToHaveCountAsync(0);
    }
}
