using System.Text.RegularExpressions;
using Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using TestSupport.Media;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests.Chat;

/// <summary>
/// Attachments from the composer: one member sends a picture, a sound, a video and a file; another member's tab shows
/// them live as a picture (loaded through the token), a player, and downloads.
/// </summary>
[Collection(WebClientCollection.Name)]
public sealed class AttachmentTests(WebClientFixture fixture)
{
    [Fact]
    public async Task A_picture_a_sound_and_a_file_attached_by_one_member_show_live_for_another()
    {
        await using var alice = await fixture.OpenAsync();
        await alice.SignUpAsync();
        var groupId = await alice.CreateGroupAsync(WebClientFixture.Unique("Album "));
        await using var bob = await fixture.OpenAsync();
        await bob.SignUpAsync();
        await bob.JoinAsync(groupId);

        // The picture: typed caption, then the Attach button from the keyboard opens the browser's file picker.
        await alice.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("the view from the tea house");
        var attach = alice.Page.Locator("#composer").GetByRole(AriaRole.Button, new() { Name = "Attach" });
        var chooser = await alice.Page.RunAndWaitForFileChooserAsync(async () =>
        {
            await attach.FocusAsync();
            await alice.Page.Keyboard.PressAsync("Enter");
        });
        await chooser.SetFilesAsync(fixture.WriteFile("view.png", TestMedia.Picture(800, 600)));

        // Bob sees the thumbnail (320 × 240: the picture's shape, the space kept before it loads), and it loaded.
        var thumbnail = bob.Message("the view from the tea house").GetByRole(AriaRole.Img, new() { Name = "view.png" });
        await Expect(thumbnail).ToBeVisibleAsync();
        await Expect(thumbnail).ToHaveAttributeAsync("width", "320");
        await Expect(thumbnail).ToHaveAttributeAsync("height", "240");
        await Expect(thumbnail).ToHaveJSPropertyAsync("naturalWidth", 320);
        await Expect(alice.Message("the view from the tea house").GetByRole(AriaRole.Img, new() { Name = "view.png" })).ToHaveJSPropertyAsync("naturalWidth", 320);
        await Expect(alice.Page.GetByLabel("Message", new() { Exact = true })).ToBeEmptyAsync();

        // A click shows the whole picture; Escape closes it.
        await thumbnail.ClickAsync();
        var enlarged = bob.Page.GetByRole(AriaRole.Dialog, new() { Name = "view.png" });
        await Expect(enlarged.GetByRole(AriaRole.Img, new() { Name = "view.png" })).ToHaveJSPropertyAsync("naturalWidth", 800);
        await bob.ScreenshotAsync("attachment-enlarged");
        await bob.Page.Keyboard.PressAsync("Escape");
        await Expect(enlarged).ToHaveCountAsync(0);

        // A sound: a player with the bytes behind it (its length read from them).
        await alice.AttachAsync("greeting.wav", TestMedia.Wav(2500));
        var player = bob.Page.Locator("#messages li.audio audio");
        await Expect(player).ToHaveCountAsync(1);
        await Expect(player).ToHaveAttributeAsync("src", new Regex("^blob:"));
        await bob.Page.WaitForFunctionAsync("a => a.readyState >= 1 && Math.abs(a.duration - 2.5) < 0.1", await player.ElementHandleAsync());
        await Expect(bob.Page.Locator("#messages li.audio")).ToContainTextAsync("greeting.wav · 39 KB · 0:02");

        // A file: a download button with its name and size that saves the same bytes under that name.
        var notes = "Tea: oolong, pu-erh, longjing.\n"u8.ToArray();
        await alice.AttachAsync("notes.txt", notes);
        var download = bob.Message("notes.txt").GetByRole(AriaRole.Button, new() { Name = "Download notes.txt" });
        await Expect(download).ToContainTextAsync($"({notes.Length} B)");
        var saved = await bob.Page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        Assert.Equal("notes.txt", saved.SuggestedFilename);
        Assert.Equal(notes, await File.ReadAllBytesAsync(await saved.PathAsync()));

        // A video this browser cannot decode (an MP4 of noise) says so and offers the download instead.
        await alice.AttachAsync("noise.mp4", TestMedia.Mp4(3000, mediaBytes: 20_000));
        var video = bob.Page.Locator("#messages li.video");
        await Expect(video).ToContainTextAsync("cannot play noise.mp4");
        await Expect(video.GetByRole(AriaRole.Button, new() { Name = "Download noise.mp4" })).ToBeVisibleAsync();

        await bob.ScreenshotAsync("attachments");

        // After a reload the history shows them the same way.
        await bob.Page.ReloadAsync();
        await Expect(bob.Message("the view from the tea house").GetByRole(AriaRole.Img, new() { Name = "view.png" })).ToHaveJSPropertyAsync("naturalWidth", 320);
        await Expect(bob.Page.Locator("#messages li.audio audio")).ToHaveCountAsync(1);
        await Expect(bob.Message("notes.txt").GetByRole(AriaRole.Button, new() { Name = "Download notes.txt" })).ToBeVisibleAsync();

        // A recalled picture shows no media.
        await alice.Message("the view from the tea house").GetByRole(AriaRole.Button, new() { Name = "Recall" }).ClickAsync();
        await Expect(bob.Page.Locator("#messages li.recalled")).ToContainTextAsync("This message was recalled.");
        await Expect(bob.Page.Locator("#messages li.recalled img")).ToHaveCountAsync(0);
    }
}
