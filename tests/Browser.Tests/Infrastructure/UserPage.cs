using Microsoft.Playwright;

namespace Browser.Tests.Infrastructure;

/// <summary>
/// One person's tab: the page, what its console reported, and the steps a person takes (sign up, open a group, post).
/// Console errors fail the test when the page is closed; a refused request (a 4xx the page shows in words) is the
/// browser's own network log line, not a page error, and is not counted.
/// </summary>
public sealed class UserPage : IAsyncDisposable
{
    private readonly WebClientFixture _fixture;
    private readonly List<string> _errors = [];

    private readonly bool _ownsContext;

    private UserPage(WebClientFixture fixture, IBrowserContext context, IPage page, bool ownsContext = true)
    {
        _ownsContext = ownsContext;
        _fixture = fixture;
        Context = context;
        Page = page;
        Watch(page);
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public string Username { get; private set; } = "";
    public IReadOnlyList<string> Errors => _errors;

    public static async Task<UserPage> StartAsync(WebClientFixture fixture, IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return new UserPage(fixture, context, page);
    }

    /// <summary>Another tab in the same browser: it signs in by itself (the token is kept per tab).</summary>
    public async Task<UserPage> OpenSecondTabAsync()
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync("/");
        var tab = new UserPage(_fixture, Context, page, ownsContext: false) { Username = Username };
        await tab.SignInAsync(Username);
        return tab;
    }

    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                _errors.Add(message.Text);
        };
        page.PageError += (_, error) => _errors.Add(error);
    }

    public async Task SignUpAsync(string? username = null)
    {
        Username = username ?? WebClientFixture.Unique("u");
        await Page.GotoAsync("/#/signup");
        await Page.GetByLabel("Username").FillAsync(Username);
        await Page.GetByLabel("Password").FillAsync(WebClientFixture.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#whoami")).ToHaveTextAsync($"Signed in as {Username}");
    }

    public async Task SignInAsync(string username)
    {
        Username = username;
        await Page.GotoAsync("/#/signin");
        await Page.GetByLabel("Username").FillAsync(username);
        await Page.GetByLabel("Password").FillAsync(WebClientFixture.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#whoami")).ToHaveTextAsync($"Signed in as {username}");
    }

    /// <summary>Creates a group from the directory page and waits in its room; returns the group id.</summary>
    public async Task<string> CreateGroupAsync(string name)
    {
        await Page.GotoAsync("/#/groups");
        await Page.Locator("#create-group").GetByLabel("Name").FillAsync(name);
        await Page.Locator("#create-group").GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#room-title")).ToHaveTextAsync(name);
        await Assertions.Expect(Page.Locator("#composer")).ToBeVisibleAsync();
        return Page.Url.Split("#/g/")[1];
    }

    public async Task OpenGroupAsync(string groupId)
    {
        // The same address again changes no hash and would not open the room anew: reload then.
        if (Page.Url.EndsWith($"#/g/{groupId}", StringComparison.Ordinal))
            await Page.ReloadAsync();
        else
            await Page.GotoAsync($"/#/g/{groupId}");
        await Assertions.Expect(Page.Locator("#room-title")).Not.ToBeEmptyAsync();
    }

    public async Task JoinAsync(string groupId)
    {
        await OpenGroupAsync(groupId);
        await Page.Locator("#join").ClickAsync();
        await Assertions.Expect(Page.Locator("#composer")).ToBeVisibleAsync();
    }

    public async Task PostAsync(string text)
    {
        await Page.GetByLabel("Message", new() { Exact = true }).FillAsync(text);
        await Page.Locator("#composer").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
    }

    /// <summary>
    /// Attaches a file in the composer (written to disk, set on the Attach button's file input) and waits until the
    /// page is done with it: the message is in the chat, or the refusal is in words under the composer.
    /// </summary>
    public async Task AttachAsync(string fileName, byte[] bytes)
    {
        await Page.Locator("#attach-file").SetInputFilesAsync(_fixture.WriteFile(fileName, bytes));
        await Assertions.Expect(Page.Locator("#upload-status")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator("#attach")).ToBeEnabledAsync();
    }

    public ILocator Message(string text) => Page.Locator("#messages li", new() { HasText = text });

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_fixture.ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (_ownsContext)
            await Context.CloseAsync();
        else
            await Page.CloseAsync();
        Assert.True(_errors.Count == 0, $"{Username}'s page logged errors:\n{string.Join('\n', _errors)}");
    }
}
