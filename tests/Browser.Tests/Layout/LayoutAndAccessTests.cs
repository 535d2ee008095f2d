using Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests.Layout;

/// <summary>Sign-in errors in words, signing out, a phone-sized screen, and the keyboard alone.</summary>
[Collection(WebClientCollection.Name)]
public sealed class LayoutAndAccessTests(WebClientFixture fixture)
{
    [Fact]
    public async Task Sign_in_errors_are_words_from_the_problem_details_and_sign_out_ends_the_session()
    {
        await using var user = await fixture.OpenAsync();
        await user.SignUpAsync();
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(user.Page.Locator("#auth-title")).ToHaveTextAsync("Sign in");
        await Expect(user.Page.Locator("#nav")).ToBeHiddenAsync();

        await user.Page.GetByLabel("Username").FillAsync(user.Username);
        await user.Page.GetByLabel("Password").FillAsync("not-the-password");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(user.Page.Locator("#auth-error")).Not.ToBeEmptyAsync();
        Assert.DoesNotContain("HTTP", await user.Page.Locator("#auth-error").TextContentAsync(), StringComparison.Ordinal);

        await user.Page.GotoAsync("/#/signup");
        await user.Page.GetByLabel("Username").FillAsync(user.Username);
        await user.Page.GetByLabel("Password").FillAsync(WebClientFixture.Password);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(user.Page.Locator("#auth-error")).ToContainTextAsync("taken");
    }

    [Fact]
    public async Task On_a_phone_sized_screen_the_room_fits_without_sideways_scrolling()
    {
        await using var user = await fixture.OpenAsync(width: 390, height: 844);
        await user.SignUpAsync();
        await user.CreateGroupAsync(WebClientFixture.Unique("Pocket "));
        await user.PostAsync("a message typed on a phone, long enough to need wrapping on such a narrow screen");
        await Expect(user.Message("typed on a phone")).ToHaveCountAsync(1);
        var overflow = await user.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page scrolls sideways on a phone-sized screen");
        await user.ScreenshotAsync("phone-room");
        await user.Page.GotoAsync("/#/wallet");
        await Expect(user.Page.Locator("#wallet-address")).Not.ToBeEmptyAsync();
        Assert.False(await user.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the wallet scrolls sideways");
    }

    [Fact]
    public async Task Signing_up_creating_a_group_and_posting_work_with_the_keyboard_alone()
    {
        await using var user = await fixture.OpenAsync();
        var name = WebClientFixture.Unique("k");
        await user.Page.GotoAsync("/#/signup");
        // The form's first field has focus: type, Tab, type, Enter.
        await user.Page.Keyboard.TypeAsync(name);
        await user.Page.Keyboard.PressAsync("Tab");
        await user.Page.Keyboard.TypeAsync(WebClientFixture.Password);
        await user.Page.Keyboard.PressAsync("Enter");
        await Expect(user.Page.Locator("#whoami")).ToHaveTextAsync($"Signed in as {name}");

        await user.Page.Locator("#create-group").GetByLabel("Name").FocusAsync();
        await user.Page.Keyboard.TypeAsync("Keyboard club");
        await user.Page.Keyboard.PressAsync("Enter");
        await Expect(user.Page.Locator("#room-title")).ToHaveTextAsync("Keyboard club");
        await user.Page.GetByLabel("Message", new() { Exact = true }).FocusAsync();
        await user.Page.Keyboard.TypeAsync("typed, not clicked");
        await user.Page.Keyboard.PressAsync("Enter");
        await Expect(user.Message("typed, not clicked")).ToHaveCountAsync(1);
        // Focus stays in the composer for the next message.
        Assert.Equal("text", await user.Page.EvaluateAsync<string>("() => document.activeElement.name"));
    }
}
