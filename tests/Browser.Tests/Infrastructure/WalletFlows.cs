using static Microsoft.Playwright.Assertions;

namespace Browser.Tests.Infrastructure;

/// <summary>Steps on the wallet page.</summary>
public static class WalletFlows
{
    /// <summary>Test coins from the faucet, waited for until confirmed (100 coins).</summary>
    public static async Task FundAsync(UserPage user)
    {
        await user.Page.GotoAsync("/#/wallet");
        await Expect(user.Page.Locator("#wallet-address")).Not.ToBeEmptyAsync();
        for (var attempt = 0; ; attempt++)
        {
            await user.Page.Locator("#faucet").ClickAsync();
            var result = user.Page.Locator("#faucet-result");
            await Expect(result).Not.ToBeEmptyAsync();
            if ((await result.GetAttributeAsync("class")) == "ok")
                break;
            // The payments node has no mature coins yet right after start: the page says so; try again shortly.
            Assert.True(attempt < 60, await result.TextContentAsync());
            await Task.Delay(1000);
        }

        await Expect(user.Page.Locator("#confirmed-balance")).ToHaveTextAsync("100 coins", new() { Timeout = 30_000 });
    }
}
