using Gateway.Routing;
using System.Security.Claims;
using Gateway.Auth;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Endpoints;

/// <summary>Posting (with client_id for safe retries), commands, history paging and recall.</summary>
public static class MessageEndpoints
{
    public static RouteGroupBuilder MapMessageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/groups/{id}/messages").WithTags("Messages").RequireAuthorization().WithBodyLimit(BodyLimits.Json);
        group.MapPost("/", Post).WithName("PostMessage")
            .WithSummary("Posts a message: 201 once stored. /INFO and /HELP answer the sender only (200). A retry with the same client_id returns the first result.");
        group.MapGet("/", History).WithName("GetHistory").WithSummary("Messages after=SEQ (ascending) or before=SEQ, up to limit (1-200).");
        group.MapDelete("/{seq:long}", Recall).WithName("RecallMessage").WithSummary("Recalls a message (author or moderator); everyone receives the recall.");
        return group;
    }

    private static async Task<Results<Created<ChatMessage>, Ok<CommandReply>>> Post(string id, MessageDraft draft, ClaimsPrincipal user, IGrainFactory grains)
    {
        var outcome = await GroupEndpoints.Group(grains, id).PostAsync(user.UserIdOf(), draft);
        if (outcome.Reply is { } reply)
            return TypedResults.Ok(reply);
        var message = outcome.Message ?? throw new InvalidOperationException("a post returned neither message nor reply");
        return TypedResults.Created(ResourcePaths.Message(id, message.Seq), message);
    }

    private static async Task<Ok<HistoryPage>> History(string id, long? after, long? before, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (after < 0 || before < 0)
            throw DomainException.Invalid("seq_invalid", "after and before must not be negative.");
        return TypedResults.Ok(await GroupEndpoints.Group(grains, id).GetHistoryAsync(user.UserIdOf(), after, before, limit ?? 50));
    }

    private static async Task<Ok<ChatMessage>> Recall(string id, long seq, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await GroupEndpoints.Group(grains, id).RecallAsync(user.UserIdOf(), seq));
}
