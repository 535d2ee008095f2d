using System.Security.Claims;
using Gateway.Auth;
using Gateway.Http;
using Gateway.Http.OpenApi;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Gateway.Chat;

/// <summary>One of the caller's groups with its unread count: what a client shows in its list of chats.</summary>
public sealed record MyGroup(string Id, string Name, string Role, long LastSeq, long LastReadSeq, long Unread);

/// <summary><c>GET /api/me/groups</c>: the groups the caller is in, with unread counts.</summary>
public static class MyGroupsEndpoints
{
    /// <summary>The most groups one answer lists; a user in more sees the first ones (by join order).</summary>
    public const int MaxGroups = 500;

    public static RouteHandlerBuilder MapMyGroupsEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/me/groups", MyGroupsAsync).WithTags("Groups").RequireAuthorization().WithName("GetMyGroups")
            .ProducesErrors(Status401Unauthorized, Status503ServiceUnavailable)
            .WithExample(new[] { new MyGroup(ApiExamples.GroupId, "Rust learners", MemberRoles.Member, 42, 40, 2) })
            .WithSummary("The caller's groups")
            .WithDescription($"Every group the caller is a member of (at most {MaxGroups}), with the caller's role, the group's last sequence number, the caller's read marker and the unread count.");

    private static async Task<Ok<MyGroup[]>> MyGroupsAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var userId = user.UserIdOf();
        var memberships = await grains.GetGrain<IMemberGrain>(userId).GetGroupsAsync();
        var listed = await Task.WhenAll(memberships.Take(MaxGroups).Select(async m =>
        {
            var group = grains.GetGrain<IGroupGrain>(m.GroupId);
            try
            {
                var view = await group.GetAsync();
                var read = await group.GetReadStateAsync(userId);
                var role = view.OwnerId == userId ? MemberRoles.Owner : view.Operators.Contains(userId) ? MemberRoles.Operator : MemberRoles.Member;
                return new MyGroup(view.Id, view.Settings.Name, role, read.LastSeq, read.LastReadSeq, read.Unread);
            }
            catch (DomainException ex) when (ex.Kind is ErrorKind.NotFound or ErrorKind.Forbidden)
            {
                // Left, kicked or the group is gone between the two reads: not one of the caller's groups any more.
                return null;
            }
        }));
        return TypedResults.Ok(listed.OfType<MyGroup>().ToArray());
    }
}
