using Grains.Chat.Posting;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;

namespace Grains.Tests.Chat.Posting;

public sealed class MediaPolicyTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly UploadRecord Photo = new(new string('a', 32), "alice", MessageTypes.Image, "image/jpeg", 1000, new string('f', 64), At,
        640, 480, null, HasQr: false, "cat.jpg", new string('b', 32));

    [Fact]
    public void Only_the_uploader_posts_an_upload_as_its_own_kind_or_as_a_file_and_the_message_describes_it()
    {
        Assert.Equal(new MediaRef(Photo.Id, "image/jpeg", 1000, 640, 480, null, Photo.ThumbnailId, "cat.jpg"), MediaPolicy.Check("image", "alice", Photo.Id, Photo));
        Assert.Equal(Photo.Id, MediaPolicy.Check("file", "alice", Photo.Id, Photo).UploadId);
        Assert.Equal(ErrorCodes.UploadNotYours, Refusal(() => MediaPolicy.Check("image", "bob", Photo.Id, Photo)));
        Assert.Equal(ErrorCodes.UploadTypeMismatch, Refusal(() => MediaPolicy.Check("audio", "alice", Photo.Id, Photo)));
        Assert.Equal(ErrorCodes.UploadNotFound, Refusal(() => MediaPolicy.Check("image", "alice", Photo.Id, null)));
        var thumbnail = Photo with { Id = Photo.ThumbnailId!, ParentId = Photo.Id, ThumbnailId = null };
        Assert.Equal(ErrorCodes.UploadNotFound, Refusal(() => MediaPolicy.Check("image", "alice", thumbnail.Id, thumbnail)));
    }

    [Fact]
    public void A_qr_image_is_for_moderators_while_the_filter_is_on_and_an_earlier_reason_stands()
    {
        var settings = GroupSettings.Create("g", null);
        var qr = Photo with { HasQr = true };
        Assert.Equal(ModeratorReason.None, MediaPolicy.Reason(settings, ModeratorReason.None, qr));
        Assert.Equal(ModeratorReason.QrCode, MediaPolicy.Reason(settings with { DetectQr = true }, ModeratorReason.None, qr));
        Assert.Equal(ModeratorReason.None, MediaPolicy.Reason(settings with { DetectQr = true }, ModeratorReason.None, Photo));
        Assert.Equal(ModeratorReason.MuteAll, MediaPolicy.Reason(settings with { DetectQr = true }, ModeratorReason.MuteAll, qr));

        var member = new PostStanding(new MemberView("bob", "bob", MemberRoles.Member, true, At, 0), false, null);
        var decision = PostAdmission.Decide(settings with { DetectQr = true }, ModeratorReason.QrCode, member);
        Assert.Equal(ErrorCodes.QrRefused, decision.Refusal!.Code);
        Assert.Equal("bob, images with QR codes are not allowed in g.", decision.PrivateTip);
        var owner = new PostStanding(new MemberView("alice", "alice", MemberRoles.Owner, true, At, 0), false, null);
        Assert.Null(PostAdmission.Decide(settings with { DetectQr = true }, ModeratorReason.QrCode, owner).Refusal);
    }

    private static string Refusal(Action action) => Assert.Throws<DomainException>(action).Code;
}
