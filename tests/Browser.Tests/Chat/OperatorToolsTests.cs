using Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using TestSupport.Media;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests.Chat;

/// <summary>The operator tools in the room, one scenario each: the owner changes something, the member sees its effect.</summary>
[Collection(WebClientCollection.Name)]
public sealed class OperatorToolsTests(WebClientFixture fixture)
{
    [Fact]
    public async Task Mute_all_with_its_notice_template_refuses_the_member_in_words()
    {
        var (owner, member, _) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await SaveAsync(owner, async form =>
            {
                await form.GetByLabel("Mute notice template").FillAsync("Quiet please, {user}.");
                await form.GetByLabel("Mute everyone (operators may still post)").CheckAsync();
            });
            await member.PostAsync("can I speak?");
            await Expect(member.Page.Locator("#post-error")).ToHaveTextAsync($"Quiet please, {member.Username}.");
            await Expect(member.Message("can I speak?")).ToHaveCountAsync(0);
            await owner.PostAsync("operators still can");
            await Expect(member.Message("operators still can")).ToHaveCountAsync(1);
            await member.ScreenshotAsync("muted-member");
        }
    }

    [Fact]
    public async Task A_rate_limit_with_its_template_shows_the_wait()
    {
        var (owner, member, _) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await SaveAsync(owner, async form =>
            {
                await form.GetByLabel("Messages").FillAsync("1");
                await form.GetByLabel("Per seconds").FillAsync("60");
                await form.GetByLabel("Burst").FillAsync("1");
                await form.GetByLabel("Too-frequent template").FillAsync("Slow down, {user}: wait {retry_after} s.");
            });
            await member.PostAsync("first");
            await Expect(member.Message("first")).ToHaveCountAsync(1);
            await member.PostAsync("second");
            await Expect(member.Page.Locator("#post-error")).ToContainTextAsync($"Slow down, {member.Username}: wait ");
            await Expect(member.Page.Locator("#post-error")).ToContainTextAsync("(try again in ");
        }
    }

    [Fact]
    public async Task The_link_filter_refuses_a_link_from_a_member()
    {
        var (owner, member, _) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await SaveAsync(owner, form => form.GetByLabel("Refuse links").CheckAsync());
            await member.PostAsync("cheap coins at example.com");
            await Expect(member.Page.Locator("#post-error")).Not.ToBeEmptyAsync();
            await Expect(member.Message("cheap coins")).ToHaveCountAsync(0);
            await member.PostAsync("no links here");
            await Expect(member.Message("no links here")).ToHaveCountAsync(1);
        }
    }

    [Fact]
    public async Task The_QR_filter_refuses_a_members_picture_with_a_QR_code_in_the_templates_words()
    {
        var (owner, member, _) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await SaveAsync(owner, async form =>
            {
                await form.GetByLabel("QR refusal template").FillAsync("No payment codes here, {user}.");
                await form.GetByLabel("Refuse pictures with QR codes (operators may still post them)").CheckAsync();
            });
            await member.AttachAsync("pay-me.png", TestMedia.QrPicture("https://example.com/pay?to=member"));
            await Expect(member.Page.Locator("#post-error")).ToHaveTextAsync($"No payment codes here, {member.Username}.");
            await Expect(member.Page.Locator("#messages li.image")).ToHaveCountAsync(0);

            // A picture without a code still goes, and the owner may post one with a code.
            await member.AttachAsync("plain.png", TestMedia.Picture(400, 300));
            await Expect(owner.Page.Locator("#messages li.image img[alt='plain.png']")).ToHaveJSPropertyAsync("naturalWidth", 320);
            await Expect(member.Page.Locator("#post-error")).ToBeEmptyAsync();
            await owner.AttachAsync("owners-code.png", TestMedia.QrPicture("https://example.com/group"));
            await Expect(member.Page.Locator("#messages li.image img[alt='owners-code.png']")).ToHaveCountAsync(1);
            await member.ScreenshotAsync("qr-refused");
        }
    }

    [Fact]
    public async Task Allowed_types_limit_what_the_member_can_choose()
    {
        var (owner, member, groupId) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await SaveAsync(owner, async form =>
            {
                foreach (var type in new[] { "image", "audio", "video", "file", "link", "contact" })
                    await form.GetByRole(AriaRole.Checkbox, new() { Name = type, Exact = true }).UncheckAsync();
            });
            await member.OpenGroupAsync(groupId);
            await Expect(member.Page.GetByLabel("Message type").Locator("option")).ToHaveTextAsync(["text"]);
            await Expect(member.Page.Locator("#attach")).ToBeHiddenAsync();
        }
    }

    [Fact]
    public async Task The_welcome_text_reaches_a_new_member_privately()
    {
        var (owner, member, groupId) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await SaveAsync(owner, form => form.GetByLabel("Welcome text (sent privately on joining)").FillAsync("Welcome {user}, read the pinned rules."));
            await using var newcomer = await fixture.OpenAsync();
            await newcomer.SignUpAsync();
            await newcomer.JoinAsync(groupId);
            await Expect(newcomer.Page.Locator("#room-notes")).ToContainTextAsync($"Welcome {newcomer.Username}, read the pinned rules.");
        }
    }

    [Fact]
    public async Task A_join_price_is_paid_from_the_wallet_and_the_member_is_admitted_once_it_confirms()
    {
        var (owner, member, groupId) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await SaveAsync(owner, form => form.GetByLabel("Join price in coins (empty: free)").FillAsync("0.5"));
            await using var payer = await fixture.OpenAsync();
            await payer.SignUpAsync();
            await payer.OpenGroupAsync(groupId);
            await payer.Page.Locator("#join").ClickAsync();
            await Expect(payer.Page.Locator("#join-error")).ToContainTextAsync("can spend 0");
            await WalletFlows.FundAsync(payer);

            await payer.OpenGroupAsync(groupId);
            await Expect(payer.Page.Locator("#join")).ToHaveTextAsync("Join for 0.5 coins");
            await payer.Page.Locator("#join").ClickAsync();
            await Expect(payer.Page.Locator("#composer")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await payer.Page.GotoAsync("/#/wallet");
            await Expect(payer.Page.Locator("#confirmed-balance")).ToHaveTextAsync("99.5 coins", new() { Timeout = 30_000 });
        }
    }

    [Fact]
    public async Task The_owner_makes_a_member_an_operator_who_then_has_the_tools()
    {
        var (owner, member, groupId) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await Expect(member.Page.Locator("#operator-tools")).ToHaveCountAsync(0);
            await PeopleAsync(owner, member.Username, "Make operator", "is an operator");
            await member.Page.ReloadAsync();
            await Expect(member.Page.Locator("#operator-tools")).ToBeVisibleAsync();
            await Expect(member.Page.Locator("#my-role")).ToHaveTextAsync("You are the operator");
        }
    }

    [Fact]
    public async Task A_kicked_member_can_no_longer_post()
    {
        var (owner, member, _) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await PeopleAsync(owner, member.Username, "Kick", "was removed");
            await member.PostAsync("still here?");
            await Expect(member.Page.Locator("#post-error")).Not.ToBeEmptyAsync();
            await Expect(member.Message("still here?")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task A_banned_member_is_refused_and_after_the_unban_joins_again()
    {
        var (owner, member, groupId) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await PeopleAsync(owner, member.Username, "Ban", "is banned");
            await member.PostAsync("let me in");
            await Expect(member.Page.Locator("#post-error")).Not.ToBeEmptyAsync();
            await member.OpenGroupAsync(groupId);
            await member.Page.Locator("#join").ClickAsync();
            await Expect(member.Page.Locator("#join-error")).Not.ToBeEmptyAsync();

            await PeopleAsync(owner, member.Username, "Unban", "no longer banned");
            await member.JoinAsync(groupId);
            await member.PostAsync("back again");
            await Expect(owner.Message("back again")).ToHaveCountAsync(1);
        }
    }

    [Fact]
    public async Task An_operator_recalls_a_members_message_for_everyone()
    {
        var (owner, member, _) = await RoomAsync();
        await using (owner)
        await using (member)
        {
            await member.PostAsync("something regrettable");
            var message = owner.Message("something regrettable");
            await Expect(message).ToHaveCountAsync(1);
            await message.GetByRole(AriaRole.Button, new() { Name = "Recall" }).ClickAsync();
            await Expect(owner.Page.Locator("#messages li.recalled")).ToContainTextAsync("This message was recalled.");
            await Expect(member.Page.Locator("#messages li.recalled")).ToContainTextAsync("This message was recalled.");
            await Expect(member.Message("something regrettable")).ToHaveCountAsync(0);
        }
    }

    /// <summary>An owner in a new group's room and a member in it too.</summary>
    private async Task<(UserPage Owner, UserPage Member, string GroupId)> RoomAsync()
    {
        var owner = await fixture.OpenAsync();
        await owner.SignUpAsync();
        var groupId = await owner.CreateGroupAsync(WebClientFixture.Unique("Ops "));
        var member = await fixture.OpenAsync();
        await member.SignUpAsync();
        await member.JoinAsync(groupId);
        return (owner, member, groupId);
    }

    private static async Task SaveAsync(UserPage owner, Func<ILocator, Task> change)
    {
        await owner.Page.Locator("#operator-tools summary").ClickAsync();
        var form = owner.Page.Locator("#settings-form");
        await change(form);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(owner.Page.Locator("#settings-result")).ToHaveTextAsync("Settings saved.");
    }

    private static async Task PeopleAsync(UserPage owner, string username, string action, string done)
    {
        var tools = owner.Page.Locator("#operator-tools");
        if (!await tools.GetAttributeAsync("open").ContinueWith(t => t.Result is not null))
            await tools.Locator("summary").ClickAsync();
        await owner.Page.Locator("#people-tools").GetByLabel("Username").FillAsync(username);
        await owner.Page.Locator("#people-tools").GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        await Expect(owner.Page.Locator("#people-result")).ToContainTextAsync(done);
    }
}
