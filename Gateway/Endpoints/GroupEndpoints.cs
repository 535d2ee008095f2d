using Gateway.Routing;
using System.Security.Claims;
using Gateway.Auth;
using Gateway.Endpoints.Requests;
using Gateway.Limits;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Endpoints;

/// <summary>Groups, their settings, operators, members, subscriptions, bans and read markers.</summary>
public static class GroupEndpoints
{
    public static RouteGroupBuilder MapGroupEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/groups").WithTags("Groups").RequireAuthorization().WithBodyLimit(BodyLimits.Json);
        group.MapPost("/", CreateGroup).WithName("CreateGroup").RequireRateLimiting(RatePolicies.GroupCreation)
            .WithSummary("Creates a group; the caller owns it (within the account's group quota).");
        group.MapGet("/", SearchGroups).WithName("SearchGroups").WithSummary("The directory, newest first; q searches names, cursor loads more.");
        group.MapGet("/{id}", GetGroup).WithName("GetGroup").WithSummary("Settings, operators, member and subscriber counts, last sequence.");
        group.MapPatch("/{id}", UpdateGroup).WithName("UpdateGroup").WithSummary("Changes settings (owner and operators).");
        group.MapPut("/{id}/operators/{user}", AddOperator).WithName("AddOperator").WithSummary("Makes a member an operator (owner only).");
        group.MapDelete("/{id}/operators/{user}", RemoveOperator).WithName("RemoveOperator").WithSummary("Makes an operator a plain member (owner only).");
        group.MapPost("/{id}/members", Join).WithName("JoinGroup").WithSummary("Joins the group (posts the join notice).");
        group.MapGet("/{id}/members", ListMembers).WithName("ListMembers").WithSummary("Members by a stable order; q searches names, cursor loads more.");
        group.MapDelete("/{id}/members/{user}", RemoveMember).WithName("RemoveMember").WithSummary("'me' leaves; any other user is kicked (moderators).");
        group.MapPost("/{id}/subscription", Subscribe).WithName("Subscribe").WithSummary("Receive and send messages again.");
        group.MapDelete("/{id}/subscription", Unsubscribe).WithName("Unsubscribe").WithSummary("Stop receiving and sending, staying a member.");
        group.MapPut("/{id}/bans/{user}", Ban).WithName("BanMember").WithSummary("Removes the user and keeps them out until unbanned (moderators).");
        group.MapDelete("/{id}/bans/{user}", Unban).WithName("UnbanMember").WithSummary("Lets a banned user join again (moderators).");
        group.MapPut("/{id}/read", SetRead).WithName("SetLastRead").WithSummary("Sets the caller's last read sequence; returns the unread count.");
        group.MapGet("/{id}/read", GetRead).WithName("GetReadState").WithSummary("The caller's last read sequence and unread count.");
        return group;
    }

    private static async Task<Created<GroupView>> CreateGroup(CreateGroupRequest request, ClaimsPrincipal user, IGrainFactory grains, AccountQuotas quotas)
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        var command = new CreateGroupCommand(user.UserIdOf(), user.UsernameOf(), request.Name ?? string.Empty, request.Description, request.ShardCount);
        var view = await quotas.CreateWithinAsync(command.OwnerId, AccountQuotas.Groups, () => grains.GetGrain<IGroupGrain>(id).CreateAsync(command));
        return TypedResults.Created(ResourcePaths.Group(id), view);
    }

    private static async Task<Ok<GroupDirectoryPage>> SearchGroups(string? q, string? cursor, int? limit, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IGroupDirectoryGrain>(0).SearchAsync(q, cursor, limit ?? 20));

    private static async Task<Ok<GroupView>> GetGroup(string id, IGrainFactory grains) =>
        TypedResults.Ok(await Group(grains, id).GetAsync());

    private static async Task<Ok<GroupView>> UpdateGroup(string id, GroupSettingsPatch patch, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Group(grains, id).UpdateSettingsAsync(user.UserIdOf(), patch));

    private static async Task<NoContent> AddOperator(string id, string user, ClaimsPrincipal caller, IGrainFactory grains)
    {
        await Group(grains, id).SetOperatorAsync(caller.UserIdOf(), UserId(user), true);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveOperator(string id, string user, ClaimsPrincipal caller, IGrainFactory grains)
    {
        await Group(grains, id).SetOperatorAsync(caller.UserIdOf(), UserId(user), false);
        return TypedResults.NoContent();
    }

    private static async Task<Created<MemberView>> Join(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var member = await Group(grains, id).JoinAsync(new MemberProfile(user.UserIdOf(), user.UsernameOf()));
        return TypedResults.Created(ResourcePaths.Member(id, member.UserId), member);
    }

    private static async Task<Ok<MemberPage>> ListMembers(string id, string? q, string? cursor, int? limit, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Group(grains, id).ListMembersAsync(user.UserIdOf(), q, cursor, limit ?? 50));

    private static async Task<NoContent> RemoveMember(string id, string user, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var group = Group(grains, id);
        if (user == "me")
            await group.LeaveAsync(caller.UserIdOf());
        else
            await group.KickAsync(caller.UserIdOf(), UserId(user));
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Subscribe(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await Group(grains, id).SetSubscriptionAsync(user.UserIdOf(), true);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Unsubscribe(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await Group(grains, id).SetSubscriptionAsync(user.UserIdOf(), false);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Ban(string id, string user, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var userId = UserId(user);
        if (await grains.GetGrain<IAccountGrain>(userId).GetAsync() is null)
            throw DomainException.NotFound("user_not_found", $"There is no user {user}.");
        await Group(grains, id).BanAsync(caller.UserIdOf(), userId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Unban(string id, string user, ClaimsPrincipal caller, IGrainFactory grains)
    {
        await Group(grains, id).UnbanAsync(caller.UserIdOf(), UserId(user));
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ReadState>> SetRead(string id, ReadRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request.Seq is not { } seq)
            throw DomainException.Invalid("seq_required", "seq is required.");
        return TypedResults.Ok(await Group(grains, id).SetLastReadAsync(user.UserIdOf(), seq));
    }

    private static async Task<Ok<ReadState>> GetRead(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Group(grains, id).GetReadStateAsync(user.UserIdOf()));

    /// <summary>The group a route names (its id was checked by <see cref="Routing.RouteIdRules"/>).</summary>
    internal static IGroupGrain Group(IGrainFactory grains, string id) => grains.GetGrain<IGroupGrain>(id);

    /// <summary>Users are named by username in routes; the user id is its NFKC, case-folded form.</summary>
    private static string UserId(string user) =>
        AccountNames.TryCanonicalize(user, out _, out var userId) ? userId : throw DomainException.NotFound("user_not_found", $"There is no user {user}.");
}
