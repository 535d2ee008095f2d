using Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests.Payments;

/// <summary>Money in the room: a red packet sent by one is opened by the other; a tip on a message; both wallets change.</summary>
[Collection(WebClientCollection.Name)]
public sealed class RedPacketAndTipTests(WebClientFixture fixture)
{
    [Fact]
    public async Task A_red_packet_sent_by_one_is_opened_by_the_other_and_a_tip_goes_back_and_both_balances_change()
    {
        await using var sender = await fixture.OpenAsync();
        await sender.SignUpAsync();
        await WalletFlows.FundAsync(sender);
        var groupId = await sender.CreateGroupAsync(WebClientFixture.Unique("Lucky "));

        await using var receiver = await fixture.OpenAsync();
        await receiver.SignUpAsync();
        await WalletFlows.FundAsync(receiver);
        await receiver.JoinAsync(groupId);

        await sender.OpenGroupAsync(groupId);
        await sender.Page.GetByText("Send a red packet").ClickAsync();
        var form = sender.Page.Locator("#red-packet-form");
        await form.GetByLabel("Total (coins)").FillAsync("2");
        await form.GetByLabel("Shares").FillAsync("1");
        await form.GetByLabel("Greeting").FillAsync("Happy new year");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send red packet" }).ClickAsync();
        await Expect(form.Locator("p.ok")).ToContainTextAsync("Red packet paid");

        // It appears live once its funding confirms; the receiver opens it and sees the share.
        var packet = receiver.Page.Locator("#messages li.red_packet");
        await Expect(packet).ToContainTextAsync("Happy new year", new() { Timeout = 60_000 });
        await packet.GetByRole(AriaRole.Button, new() { Name = "Open red packet" }).ClickAsync();
        await Expect(packet.Locator(".packet-result")).ToHaveTextAsync("You got 2 coins!");
        await packet.GetByRole(AriaRole.Button, new() { Name = "Who got what" }).ClickAsync();
        await Expect(packet.Locator("xpath=..").Locator("table.packet-claims")).ToContainTextAsync(receiver.Username);
        await receiver.ScreenshotAsync("red-packet");

        // A thank-you tip on the sender's announcement... on a message of the sender's.
        await sender.PostAsync("enjoy!");
        var message = receiver.Message("enjoy!");
        await message.GetByRole(AriaRole.Button, new() { Name = "Tip" }).ClickAsync();
        await message.GetByLabel("Coins").FillAsync("0.25");
        await message.GetByRole(AriaRole.Button, new() { Name = "Send tip" }).ClickAsync();
        await Expect(message).ToContainTextAsync("You tipped 0.25 coins.");
        await Expect(sender.Page.Locator("#messages")).ToContainTextAsync($"{receiver.Username} tipped {sender.Username} 0.25 coins", new() { Timeout = 30_000 });

        // The books: sender 100 - 2 + 0.25, receiver 100 + 2 - 0.25, once everything is confirmed.
        await receiver.Page.GotoAsync("/#/wallet");
        await Expect(receiver.Page.Locator("#confirmed-balance")).ToHaveTextAsync("101.75 coins", new() { Timeout = 60_000 });
        await receiver.ScreenshotAsync("wallet");
        await sender.Page.GotoAsync("/#/wallet");
        await Expect(sender.Page.Locator("#confirmed-balance")).ToHaveTextAsync("98.25 coins", new() { Timeout = 60_000 });
        await Expect(sender.Page.Locator("#wallet-history")).ToContainTextAsync("packet:");
    }

    [Fact]
    public async Task Coins_sent_from_the_wallet_page_arrive_and_bad_amounts_are_refused_in_words()
    {
        await using var payer = await fixture.OpenAsync();
        await payer.SignUpAsync();
        await using var payee = await fixture.OpenAsync();
        await payee.SignUpAsync();
        await WalletFlows.FundAsync(payer);

        var form = payer.Page.Locator("#send-form");
        await form.GetByLabel("To (username or address)").FillAsync(payee.Username);
        await form.GetByLabel("Coins").FillAsync("1000");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(payer.Page.Locator("#send-result")).ToContainTextAsync("the wallet can spend");
        await form.GetByLabel("Coins").FillAsync("2.5");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(payer.Page.Locator("#send-result")).ToHaveTextAsync("Sent 2.5 coins; it counts once confirmed.");

        await payee.Page.GotoAsync("/#/wallet");
        await Expect(payee.Page.Locator("#confirmed-balance")).ToHaveTextAsync("2.5 coins", new() { Timeout = 30_000 });
        await Expect(payee.Page.Locator("#wallet-history")).ToContainTextAsync("received");
    }
}
