using System.Security.Claims;
using Gateway.Auth;
using Gateway.Chat;
using Gateway.Http;
using Gateway.Http.OpenApi;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Payments;
using Grains.Payments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Gateway.Payments;

/// <summary>Money in groups: the owner's view of join payments, red packets and tips. Every payment leaves the caller's own wallet.</summary>
public static class GroupPaymentRoutes
{
    public static RouteGroupBuilder MapGroupPaymentRoutes(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/groups/{id}").WithTags("Payments in groups").RequireAuthorization().WithBodyLimit(BodyLimits.Json)
            .ProducesErrors(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status503ServiceUnavailable);
        group.MapGet("/payments", JoinPayments).WithName("GetJoinPayments")
            .WithSummary("Join payments")
            .WithDescription("Owner and operators: each payment to join, its status (pending, admitted, failed, refunded) and transaction.");
        group.MapPost("/red-packets", CreateRedPacket).WithName("CreateRedPacket").ProducesErrors(Status402PaymentRequired, Status409Conflict, Status422UnprocessableEntity)
            .WithExample(new RedPacketRequest(1_000_000_000, 10, RedPacketMode.Random, "Happy new year!", "rp-1", null))
            .WithSummary("Sends a red packet")
            .WithDescription("total units split into count shares (random by the double-average rule, or equal), from the caller's wallet to an escrow in one transaction. Once confirmed the packet appears in the group as a red_packet message; what is unclaimed after expires_in_seconds (at most 24 h, the default) goes back. Idempotent by client_id.");
        group.MapGet("/red-packets/{packet}", GetRedPacket).WithName("GetRedPacket")
            .WithSummary("A red packet's book")
            .WithDescription("Funding, every claim with its share and payout transaction, the refund; the split's seed once the packet is closed.");
        group.MapPost("/red-packets/{packet}/claims", Claim).WithName("ClaimRedPacket").ProducesErrors(Status409Conflict)
            .WithSummary("Claims a share")
            .WithDescription("Members only, once each; the answer is the share. 409 already_claimed, packet_exhausted, packet_expired or packet_not_open.");
        group.MapPost("/messages/{seq:long}/tips", Tip).WithName("TipMessage").ProducesErrors(Status402PaymentRequired, Status422UnprocessableEntity)
            .WithExample(new TipRequest(500_000_000, "tip-1"))
            .WithSummary("Tips a message's author")
            .WithDescription("amount units from the caller's wallet to the author's; announced in the group (\"alice tipped bob 5 coins\"). Idempotent by client_id.");
        group.MapGet("/messages/{seq:long}/tips", Tips).WithName("GetTips")
            .WithSummary("The tips on a message").WithDescription("With each tip's confirmations.");
        return group;
    }

    private static async Task<Ok<JoinPaymentView[]>> JoinPayments(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await GroupEndpoints.Group(grains, id).GetJoinPaymentsAsync(user.UserIdOf()));

    private static async Task<Created<RedPacketView>> CreateRedPacket(string id, RedPacketRequest request, ClaimsPrincipal user, IGrainFactory grains,
        IOptions<PaymentOptions> payments)
    {
        RequiredFields.Check(("total", request.Total), ("count", request.Count), ("client_id", request.ClientId));
        if (request.ClientId!.Length > 64)
            throw Grains.Interfaces.Errors.DomainException.Invalid(Grains.Interfaces.Errors.ErrorCodes.ClientIdInvalid, "client_id is at most 64 characters.");
        var expiresIn = TimeSpan.FromSeconds(request.ExpiresInSeconds ?? payments.Value.RedPacketMaxHours * 3600);
        var order = new RedPacketOrder(id, user.UserIdOf(), user.UsernameOf(), request.Total!.Value, request.Count!.Value, request.Mode ?? RedPacketMode.Random,
            request.Greeting ?? string.Empty, expiresIn, request.ClientId);
        var packet = await GroupEndpoints.Group(grains, id).CreateRedPacketAsync(order);
        return TypedResults.Created(ResourcePaths.RedPacket(id, packet.PacketId), packet);
    }

    private static async Task<Ok<RedPacketView>> GetRedPacket(string id, string packet, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await RedPacketIn(grains, id, packet, user.UserIdOf()));

    private static async Task<Created<RedPacketClaimView>> Claim(string id, string packet, ClaimsPrincipal user, IGrainFactory grains)
    {
        // One grain call: the packet checks its group and the membership itself (fetching its book first cost O(claims) per claim).
        var claim = await grains.GetGrain<IRedPacketGrain>(packet).ClaimAsync(id, user.UserIdOf(), user.UsernameOf());
        return TypedResults.Created(ResourcePaths.RedPacket(id, packet), claim);
    }

    private static async Task<Created<TipView>> Tip(string id, long seq, TipRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        RequiredFields.Check(("amount", request.Amount), ("client_id", request.ClientId));
        if (request.ClientId!.Length > 64)
            throw Grains.Interfaces.Errors.DomainException.Invalid(Grains.Interfaces.Errors.ErrorCodes.ClientIdInvalid, "client_id is at most 64 characters.");
        var tip = await GroupEndpoints.Group(grains, id).TipAsync(user.UserIdOf(), user.UsernameOf(), seq, request.Amount!.Value, request.ClientId);
        return TypedResults.Created($"{ResourcePaths.Group(id)}/messages/{seq}/tips", tip);
    }

    private static async Task<Ok<TipView[]>> Tips(string id, long seq, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await GroupEndpoints.Group(grains, id).GetTipsAsync(user.UserIdOf(), seq));

    /// <summary>The packet, if it belongs to this group and the caller may see it (404 otherwise: packets of other groups are not shown).</summary>
    private static async Task<RedPacketView> RedPacketIn(IGrainFactory grains, string groupId, string packetId, string userId)
    {
        RedPacketView view;
        try
        {
            view = await grains.GetGrain<IRedPacketGrain>(packetId).GetAsync(userId);
        }
        catch (Grains.Interfaces.Errors.DomainException ex) when (ex.Code == Grains.Interfaces.Errors.ErrorCodes.PacketNotFound)
        {
            throw Grains.Payments.RedPackets.RedPacketRefusals.NotFound();
        }

        return view.GroupId == groupId ? view : throw Grains.Payments.RedPackets.RedPacketRefusals.NotFound();
    }
}
