using Grains.Chat.Members;
using Grains.Chat.Moderation;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Chat;

public sealed partial class GroupGrain
{
    public async Task LeaveAsync(string userId)
    {
        EnsureCreated();
        if (userId == state.State.OwnerId)
            throw DomainException.Conflict(ErrorCodes.OwnerCannotLeave, "The owner cannot leave the group.");
        if (!await ShardOf(userId).RemoveAsync(userId))
            throw DomainException.NotFound(ErrorCodes.NotMember, "You are not a member of this group.");
        await ForgetMemberAsync(userId);
    }

    public async Task SetSubscriptionAsync(string userId, bool subscribed)
    {
        EnsureCreated();
        if (!await ShardOf(userId).SetSubscribedAsync(userId, subscribed))
            throw MemberRefusals.NotMember();

        // Tells the user's live connection where the group's stream resumes, so messages sent while the
        // member was unsubscribed are not filled in as a gap.
        await SendPrivateAsync(userId, new ChatMessage(Id, LastCommitted, ChatEventKinds.Subscription, null, null, MessageTypes.Text,
            subscribed ? "subscribed" : "unsubscribed", null, null, null, null, StoredTime.Now(clock)));
    }

    public async Task KickAsync(string moderatorId, string userId)
    {
        EnsureCreated();
        Hierarchy.RequireModeratorOver(moderatorId, userId);
        if (!await ShardOf(userId).RemoveAsync(userId))
            throw DomainException.NotFound(ErrorCodes.NotMember, $"{userId} is not a member of this group.");
        await ForgetMemberAsync(userId);
    }

    public async Task BanAsync(string moderatorId, string userId)
    {
        EnsureCreated();
        Hierarchy.RequireModeratorOver(moderatorId, userId);
        await ShardOf(userId).BanAsync(userId);
        await ForgetMemberAsync(userId);
    }

    public async Task UnbanAsync(string moderatorId, string userId)
    {
        RequireModerator(moderatorId);
        if (!await ShardOf(userId).UnbanAsync(userId))
            throw DomainException.NotFound(ErrorCodes.NotBanned, $"{userId} is not banned.");
    }

    public async Task<ReadState> SetLastReadAsync(string userId, long seq)
    {
        EnsureCreated();
        if (seq < 0)
            throw DomainException.Invalid(ErrorCodes.SeqInvalid, "seq must not be negative.");
        var last = LastCommitted;
        var read = Math.Min(seq, last);
        if (!await ShardOf(userId).SetLastReadAsync(userId, read))
            throw MemberRefusals.NotMember();
        return new ReadState(read, last, last - read);
    }

    public async Task<ReadState> GetReadStateAsync(string userId)
    {
        EnsureCreated();
        var member = await RequireMemberAsync(userId);
        var last = LastCommitted;
        var read = Math.Min(member.LastReadSeq, last);
        return new ReadState(read, last, last - read);
    }

    public async Task<MemberPage> ListMembersAsync(string userId, string? query, string? cursor, int limit)
    {
        EnsureCreated();
        if (limit is < 1 or > MaxMemberPage)
            throw DomainException.Invalid(ErrorCodes.LimitInvalid, $"limit must be between 1 and {MaxMemberPage}.");
        await RequireMemberAsync(userId);

        var walk = new MemberPageWalk(cursor, limit, state.State.ShardCount);
        while (walk.NeedsMore)
            walk.Add(await Shard(walk.Shard).ListAsync(query, walk.AfterUserId, walk.Wanted));
        return walk.ToPage();
    }

    public async Task ImportMembersAsync(MemberProfile[] members, bool indexMembers)
    {
        EnsureCreated();
        var byShard = members.Where(m => m.UserId != state.State.OwnerId).GroupBy(m => ShardIndex(m.UserId));
        await Task.WhenAll(byShard.Select(g => Shard(g.Key).ImportAsync([.. g])));
        if (!indexMembers)
            return;
        foreach (var chunk in members.Chunk(500))
            await Task.WhenAll(chunk.Select(m => Member(m.UserId).AddGroupAsync(new GroupMembership(Id, ShardIndex(m.UserId)))));
    }

    private async Task RequireSubscribedMemberAsync(string userId)
    {
        var member = await RequireMemberAsync(userId);
        if (!member.Subscribed)
            throw MemberRefusals.Unsubscribed(TemplateFormatter.ForGroup(Settings, Settings.Templates.UnsubscribedTip, member.Username));
    }

    /// <summary>The member's row; 403 <c>banned</c> or <c>not_member</c> when there is none.</summary>
    private async Task<MemberView> RequireMemberAsync(string userId)
    {
        var shard = ShardOf(userId);
        if (await shard.GetMemberAsync(userId) is { } member)
            return member;
        throw await shard.IsBannedAsync(userId) ? MemberRefusals.Banned() : MemberRefusals.NotMember();
    }

    private async Task ForgetMemberAsync(string userId)
    {
        await Member(userId).RemoveGroupAsync(Id);
        if (state.State.Operators.Contains(userId))
            await WriteStateAsync(s => s.Operators.Remove(userId));
    }

    private async Task<string> NameOfAsync(string userId) => (await ShardOf(userId).GetMemberAsync(userId))?.Username ?? userId;
}
