using Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests.Chain;

/// <summary>The chain explorer: the payments node's chain, a block's details, and a block mined from the page on one's own node.</summary>
[Collection(WebClientCollection.Name)]
public sealed class ChainExplorerTests(WebClientFixture fixture)
{
    [Fact]
    public async Task A_block_mined_from_the_page_shows_in_the_explorer_with_its_details()
    {
        await using var user = await fixture.OpenAsync();
        await user.SignUpAsync();
        await user.Page.GetByRole(AriaRole.Link, new() { Name = "Chain", Exact = true }).ClickAsync();
        await Expect(user.Page.Locator("h1")).ToHaveTextAsync("Node main");
        await Expect(user.Page.Locator("#blocks tr").First).ToBeVisibleAsync();

        await user.Page.Locator("#my-node-link").ClickAsync();
        await user.Page.Locator("#create-node").ClickAsync();
        await Expect(user.Page.Locator("#node-height")).ToHaveTextAsync("0");
        await user.Page.Locator("#mine").ClickAsync();
        await Expect(user.Page.Locator("#node-action-result")).ToHaveTextAsync("Mined block 1.");
        await Expect(user.Page.Locator("#node-height")).ToHaveTextAsync("1");
        var row = user.Page.Locator("#blocks tr[data-height='1']");
        await Expect(row).ToBeVisibleAsync();
        await user.ScreenshotAsync("chain-explorer");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(user.Page.Locator("h1")).ToHaveTextAsync($"Block 1 of {user.Username}");
        await Expect(user.Page.Locator("main")).ToContainTextAsync("coinbase");
        await Expect(user.Page.Locator("main")).ToContainTextAsync("12.5 coins");

        // The tutorial's other actions on one's own node: peers and resolve.
        await user.Page.GotoAsync($"/#/chain/{user.Username}");
        await user.Page.Locator("#peers-form").GetByLabel("Peers").FillAsync("main");
        await user.Page.Locator("#peers-form").GetByRole(AriaRole.Button, new() { Name = "Register peers" }).ClickAsync();
        await Expect(user.Page.Locator("#node-action-result")).ToHaveTextAsync("Peers registered: main.");
        await user.Page.Locator("#resolve").ClickAsync();
        await Expect(user.Page.Locator("#node-action-result")).ToHaveTextAsync("Our chain was replaced.");
    }
}
