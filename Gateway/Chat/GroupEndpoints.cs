using Gateway.Hosting;
using Gateway.Http;
using Gateway.Http.OpenApi;
using System.Security.Claims;
using Gateway.Auth;
using Gateway.Limits;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Gateway.Chain;
using Grains.Chain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Gateway.Chat;

/// <summary>Groups, their settings, operators, members, subscriptions, bans and read markers.</summary>
public static class GroupEndpoints
{
    public static RouteGroupBuilder MapGroupEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/groups").WithTags("Groups").RequireAuthorization().WithBodyLimit(BodyLimits.Json)
            .ProducesErrors(Status400BadRequest, Status401Unauthorized, Status503ServiceUnavailable);
        group.MapPost("/", CreateGroup).WithName("CreateGroup").RequireRateLimiting(RatePolicies.GroupCreation).ProducesErrors(Status403Forbidden, Status429TooManyRequests)
            .WithExample(new CreateGroupRequest("Rust learners", "Questions and answers, no ads.", 16))
            .WithSummary("Creates a group")
            .WithDescription("The caller owns it, within the account's group quota (403 group_quota_exceeded) and creation rate (429). shard_count (1-1024, default 16) is fixed for the group's life.");
        group.MapGet("/", SearchGroups).WithName("SearchGroups")
            .WithExample(new GroupDirectoryPage([new GroupListing(ApiExamples.GroupId, "Rust learners", "Questions and answers, no ads.", ApiExamples.At)], "eyJ0IjoxNzY0fQ"))
            .WithSummary("The group directory").WithDescription("Newest first; q searches names; pass next_cursor as cursor to load more (stable while groups are added).");
        group.MapGet("/{id}", GetGroup).WithName("GetGroup").ProducesErrors(Status404NotFound).WithExample(ApiExamples.Group)
            .WithSummary("A group").WithDescription("Settings, operators, member and subscriber counts and the last sequence number.");
        group.MapPatch("/{id}", UpdateGroup).WithName("UpdateGroup").ProducesErrors(Status403Forbidden, Status404NotFound)
            .WithExample(new GroupSettingsPatch(WelcomeText: "Welcome {user} to {group}!", RateLimit: new RateLimitSettings(1, 5, 3), LinkFilter: true))
            .WithSummary("Changes settings").WithDescription("Owner and operators: name, description, welcome_text, allowed_types, rate_limit, mute_all, link_filter, max_message_bytes and templates ({user} {group} {count} {retry_after}). Absent fields stay.");
        group.MapPut("/{id}/operators/{user}", AddOperator).WithName("AddOperator").ProducesErrors(Status403Forbidden, Status404NotFound)
            .WithSummary("Makes a member an operator").WithDescription("The owner only; the user must be a member. Answers 204.");
        group.MapDelete("/{id}/operators/{user}", RemoveOperator).WithName("RemoveOperator").ProducesErrors(Status403Forbidden, Status404NotFound)
            .WithSummary("Makes an operator a plain member").WithDescription("The owner only. Answers 204.");
        group.MapPost("/{id}/members", Join).WithName("JoinGroup").ProducesErrors(Status402PaymentRequired, Status403Forbidden, Status404NotFound, Status409Conflict)
            .WithSummary("Joins the group")
            .WithDescription("A free group: 201 with the member; posts the join notice and sends the welcome text privately. A group with a join_price: the price is paid from the caller's wallet to the treasury (402 payment_required with price and balance when it cannot), the answer is 202 with the pending payment, and the member is admitted once it has Chat:PaymentConfirmations confirmations. A self-custody wallet sends its own signed payment as {\"payment\": {...}} (memo join:{group}:{user}). A banned user gets 403 banned.");
        group.MapGet("/{id}/members", ListMembers).WithName("ListMembers").ProducesErrors(Status403Forbidden, Status404NotFound)
            .WithExample(new MemberPage([ApiExamples.Member], "MzpsaXNp"))
            .WithSummary("Members").WithDescription("In a stable order; q searches names; pass next_cursor as cursor to load more. Members only.");
        group.MapDelete("/{id}/members/{user}", RemoveMember).WithName("RemoveMember").ProducesErrors(Status403Forbidden, Status404NotFound, Status409Conflict)
            .WithSummary("Leaves, or kicks a member").WithDescription("user = me leaves; any other user is kicked (moderators; operators only by the owner). Answers 204.");
        group.MapPost("/{id}/subscription", Subscribe).WithName("Subscribe").ProducesErrors(Status403Forbidden, Status404NotFound)
            .WithSummary("Subscribes again").WithDescription("Receive and send the group's messages again. Answers 204.");
        group.MapDelete("/{id}/subscription", Unsubscribe).WithName("Unsubscribe").ProducesErrors(Status403Forbidden, Status404NotFound)
            .WithSummary("Unsubscribes").WithDescription("Stop receiving and sending, staying a member. Answers 204.");
        group.MapPut("/{id}/bans/{user}", Ban).WithName("BanMember").ProducesErrors(Status403Forbidden, Status404NotFound)
            .WithSummary("Bans a user").WithDescription("Moderators: removes the user and keeps them out until unbanned; 404 user_not_found when there is no such account. Answers 204.");
        group.MapDelete("/{id}/bans/{user}", Unban).WithName("UnbanMember").ProducesErrors(Status403Forbidden, Status404NotFound)
            .WithSummary("Lifts a ban").WithDescription("Moderators: the user may join again. Answers 204.");
        group.MapPut("/{id}/read", SetRead).WithName("SetLastRead").ProducesErrors(Status403Forbidden, Status404NotFound).WithExample(new ReadRequest(1_204))
            .WithSummary("Sets the last read message").WithDescription("The caller's last read sequence (clamped to the group's end); answers the unread count.");
        group.MapGet("/{id}/read", GetRead).WithName("GetReadState").ProducesErrors(Status403Forbidden, Status404NotFound).WithExample(new ReadState(1_200, 1_205, 5))
            .WithSummary("The caller's read state").WithDescription("Last read sequence, the group's last sequence and the unread count.");
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

    private static async Task<Results<Created<MemberView>, Accepted<JoinPaymentView>>> Join(string id, JoinRequest? request, ClaimsPrincipal user, IGrainFactory grains,
        IOptions<ChainOptions> chain)
    {
        var payment = request?.Payment is { } p ? p.ToData(chain.Value.NetworkId) : null;
        var outcome = await Group(grains, id).RequestJoinAsync(new MemberProfile(user.UserIdOf(), user.UsernameOf()), payment);
        return outcome.Member is { } member
            ? TypedResults.Created(ResourcePaths.Member(id, member.UserId), member)
            : TypedResults.Accepted(ResourcePaths.Member(id, user.UserIdOf()), outcome.Payment);
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
            throw DomainException.NotFound(ErrorCodes.UserNotFound, $"There is no user {user}.");
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
            throw DomainException.Invalid(ErrorCodes.SeqRequired, "seq is required.");
        return TypedResults.Ok(await Group(grains, id).SetLastReadAsync(user.UserIdOf(), seq));
    }

    private static async Task<Ok<ReadState>> GetRead(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Group(grains, id).GetReadStateAsync(user.UserIdOf()));

    /// <summary>The group a route names (its id was checked by <see cref="Routing.RouteIdRules"/>).</summary>
    internal static IGroupGrain Group(IGrainFactory grains, string id) => GrainReferenceCache<IGroupGrain>.Of(grains).Get(id);

    /// <summary>Users are named by username in routes; the user id is its NFKC, case-folded form.</summary>
    private static string UserId(string user) =>
        AccountNames.TryCanonicalize(user, out _, out var userId) ? userId : throw DomainException.NotFound(ErrorCodes.UserNotFound, $"There is no user {user}.");
}
