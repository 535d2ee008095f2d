using Grains.Chat.Posting;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Tests.Chat.Posting;

public sealed class PostAdmissionTests
{
    private static readonly GroupSettings Settings = GroupSettings.Create("Tea room", null) with
    {
        Templates = MessageTemplates.Default with
        {
            MuteNotice = "{group} is muted, {user}",
            TooFrequent = "{user}, wait {retry_after} s",
            UnsubscribedTip = "{user} left {group}'s stream",
        },
    };

    private static readonly MemberView Bob = new("bob-id", "Bob", MemberRoles.Member, true, DateTimeOffset.UnixEpoch, 0);

    [Fact]
    public void A_subscribed_member_within_the_limit_is_admitted_under_their_name()
    {
        var decision = PostAdmission.Decide(Settings, ModeratorReason.None, Standing(Bob));

        Assert.True(decision.Admitted);
        Assert.Equal("Bob", decision.Username);
        Assert.Null(decision.PrivateTip);
    }

    [Fact]
    public void Someone_without_a_row_is_refused_as_banned_or_as_not_a_member()
    {
        var stranger = PostAdmission.Decide(Settings, ModeratorReason.None, new PostStanding(null, false, null));
        var banned = PostAdmission.Decide(Settings, ModeratorReason.MuteAll, new PostStanding(null, true, null));

        AssertRefused(stranger, ErrorKind.Forbidden, "not_member", "Join the group first.");
        AssertRefused(banned, ErrorKind.Forbidden, "banned", "You are banned from this group.");
        Assert.Null(stranger.PrivateTip);
        Assert.Null(banned.PrivateTip);
    }

    [Fact]
    public void An_unsubscribed_member_is_refused_with_the_groups_tip_which_also_goes_to_them_privately()
    {
        var decision = PostAdmission.Decide(Settings, ModeratorReason.Link, Standing(Bob with { Subscribed = false }, limitedFor: TimeSpan.FromSeconds(3)));

        AssertRefused(decision, ErrorKind.Forbidden, "unsubscribed", "Bob left Tea room's stream");
        Assert.Equal("Bob left Tea room's stream", decision.PrivateTip);
    }

    [Fact]
    public void Mute_all_refuses_members_with_the_mute_notice_and_the_link_filter_with_422()
    {
        var muted = PostAdmission.Decide(Settings, ModeratorReason.MuteAll, Standing(Bob, limitedFor: TimeSpan.FromSeconds(3)));
        var link = PostAdmission.Decide(Settings, ModeratorReason.Link, Standing(Bob));

        AssertRefused(muted, ErrorKind.Forbidden, "muted", "Tea room is muted, Bob");
        AssertRefused(link, ErrorKind.Unprocessable, "link_refused", "This group does not accept links from members.");
        Assert.Null(muted.PrivateTip);
        Assert.Null(link.PrivateTip);
    }

    [Theory]
    [InlineData(MemberRoles.Owner)]
    [InlineData(MemberRoles.Operator)]
    public void Moderators_post_through_mute_all_and_the_link_filter(string role)
    {
        Assert.True(PostAdmission.Decide(Settings, ModeratorReason.MuteAll, Standing(Bob with { Role = role })).Admitted);
        Assert.True(PostAdmission.Decide(Settings, ModeratorReason.Link, Standing(Bob with { Role = role })).Admitted);
    }

    [Fact]
    public void A_rate_limited_member_is_told_privately_how_many_whole_seconds_to_wait()
    {
        var decision = PostAdmission.Decide(Settings, ModeratorReason.None, Standing(Bob, limitedFor: TimeSpan.FromSeconds(2.1)));

        AssertRefused(decision, ErrorKind.TooManyRequests, "too_frequent", "Bob, wait 3 s");
        Assert.Equal(TimeSpan.FromSeconds(2.1), decision.Refusal!.RetryAfter);
        Assert.Equal("Bob, wait 3 s", decision.PrivateTip);
        Assert.Equal("Bob, wait 1 s", PostAdmission.Decide(Settings, ModeratorReason.None, Standing(Bob, limitedFor: TimeSpan.FromMilliseconds(10))).PrivateTip);
    }

    [Fact]
    public void Only_a_post_nothing_else_refuses_from_someone_not_exempt_spends_a_token()
    {
        Assert.True(PostAdmission.ChargesRateLimit(Bob, moderatorOnly: false));
        Assert.False(PostAdmission.ChargesRateLimit(Bob, moderatorOnly: true));
        Assert.False(PostAdmission.ChargesRateLimit(Bob with { Subscribed = false }, moderatorOnly: false));
        Assert.False(PostAdmission.ChargesRateLimit(Bob with { Role = MemberRoles.Operator }, moderatorOnly: false));
        Assert.False(PostAdmission.ChargesRateLimit(Bob with { Role = MemberRoles.Owner }, moderatorOnly: true));
    }

    private static PostStanding Standing(MemberView member, TimeSpan? limitedFor = null) => new(member, false, limitedFor);

    private static void AssertRefused(PostDecision decision, ErrorKind kind, string code, string message)
    {
        Assert.False(decision.Admitted);
        Assert.Equal((kind, code, message), (decision.Refusal!.Kind, decision.Refusal.Code, decision.Refusal.Message));
    }
}
