using Grains.Chat.Posting;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Tests.Chat.Posting;

public sealed class ContentPolicyTests
{
    private static readonly GroupSettings Open = GroupSettings.Create("g", null);

    [Theory]
    [InlineData("text", "hi", null, null)]
    [InlineData("image", null, "https://cdn.example/a.png", null)]
    [InlineData("audio", null, "https://cdn.example/a.ogg", null)]
    [InlineData("video", null, "https://cdn.example/a.mp4", null)]
    [InlineData("link", null, "https://example.org", null)]
    [InlineData("contact", null, null, "user-7000101317")]
    public void Each_type_is_accepted_while_switched_on_and_refused_with_422_when_switched_off(string type, string? text, string? url, string? contact)
    {
        var draft = new MessageDraft("c1", type, text, url, contact);
        Assert.Equal(ModeratorReason.None, ContentPolicy.Evaluate(Open, draft));

        var without = Open with { AllowedTypes = [.. MessageTypes.All.Where(t => t != type)] };
        var refused = Assert.Throws<DomainException>(() => ContentPolicy.Evaluate(without, draft));
        Assert.Equal(ErrorKind.Unprocessable, refused.Kind);
        Assert.Equal("type_not_allowed", refused.Code);
    }

    [Fact]
    public void Missing_client_id_unknown_type_or_missing_content_is_a_bad_request()
    {
        Assert.Equal("client_id_invalid", Assert.Throws<DomainException>(() => ContentPolicy.Evaluate(Open, new MessageDraft(null, "text", "x"))).Code);
        Assert.Equal("type_unknown", Assert.Throws<DomainException>(() => ContentPolicy.Evaluate(Open, new MessageDraft("c", "sticker", "x"))).Code);
        Assert.Equal("text_required", Assert.Throws<DomainException>(() => ContentPolicy.Evaluate(Open, new MessageDraft("c", "text", " "))).Code);
        Assert.Equal("url_invalid", Assert.Throws<DomainException>(() => ContentPolicy.Evaluate(Open, new MessageDraft("c", "image", null, "file:///etc/passwd"))).Code);
    }

    [Fact]
    public void A_message_over_the_size_limit_is_too_large()
    {
        var small = Open with { MaxMessageBytes = 10 };
        Assert.Equal(ModeratorReason.None, ContentPolicy.Evaluate(small, new MessageDraft("c", "text", "0123456789")));
        var error = Assert.Throws<DomainException>(() => ContentPolicy.Evaluate(small, new MessageDraft("c", "text", "群群群群")));
        Assert.Equal(ErrorKind.TooLarge, error.Kind);
    }

    [Fact]
    public void Mute_all_and_the_link_filter_leave_the_message_to_moderators()
    {
        Assert.Equal(ModeratorReason.MuteAll, ContentPolicy.Evaluate(Open with { MuteAll = true }, new MessageDraft("c", "text", "hi")));
        var filtered = Open with { LinkFilter = true };
        Assert.Equal(ModeratorReason.Link, ContentPolicy.Evaluate(filtered, new MessageDraft("c", "text", "see example.com")));
        Assert.Equal(ModeratorReason.Link, ContentPolicy.Evaluate(filtered, new MessageDraft("c", "link", null, "https://example.org")));
        Assert.Equal(ModeratorReason.None, ContentPolicy.Evaluate(filtered, new MessageDraft("c", "text", "no links here.")));
        // An image from outside is a link; one uploaded here is not.
        Assert.Equal(ModeratorReason.Link, ContentPolicy.Evaluate(filtered, new MessageDraft("c", "image", null, "https://cdn.example/a.png")));
        Assert.Equal(ModeratorReason.None, ContentPolicy.Evaluate(filtered, new MessageDraft("c", "image", UploadId: new string('a', 32))));
    }

    [Fact]
    public void Media_messages_name_an_upload_and_outside_urls_need_the_link_type_and_escape_no_qr_filter()
    {
        var upload = new string('0', 32);
        Assert.Equal(ModeratorReason.None, ContentPolicy.Evaluate(Open, new MessageDraft("c", "file", "minutes", UploadId: upload)));
        Assert.Equal(ModeratorReason.None, ContentPolicy.Evaluate(Open, new MessageDraft("c", "video", null, "https://cdn.example/v.mp4")));
        var noLinks = Open with { AllowedTypes = ["text", "image", "file"] };
        Assert.Equal(ErrorCodes.UploadRequired, Assert.Throws<DomainException>(() => ContentPolicy.Evaluate(noLinks, new MessageDraft("c", "image", null, "https://cdn.example/a.png"))).Code);
        Assert.Equal(ErrorCodes.UploadNotFound, Assert.Throws<DomainException>(() => ContentPolicy.Evaluate(Open, new MessageDraft("c", "image", UploadId: "../etc/passwd"))).Code);
        Assert.Equal(ErrorCodes.UrlInvalid, Assert.Throws<DomainException>(() => ContentPolicy.Evaluate(Open, new MessageDraft("c", "file", null, "https://x.example/a", UploadId: upload))).Code);
        Assert.Equal(ErrorCodes.UrlInvalid, Assert.Throws<DomainException>(() => ContentPolicy.Evaluate(Open, new MessageDraft("c", "audio"))).Code);

        var qr = Open with { DetectQr = true };
        Assert.Equal(ModeratorReason.QrCode, ContentPolicy.Evaluate(qr, new MessageDraft("c", "image", null, "https://cdn.example/a.png")));
        Assert.Equal(ModeratorReason.None, ContentPolicy.Evaluate(qr, new MessageDraft("c", "image", UploadId: upload)));
    }
}
