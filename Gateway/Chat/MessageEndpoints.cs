using Gateway.Http;
using Gateway.Http.OpenApi;
using System.Security.Claims;
using Gateway.Auth;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Gateway.Chat;

/// <summary>Posting (with client_id for safe retries), commands, history paging and recall.</summary>
public static class MessageEndpoints
{
    public static RouteGroupBuilder MapMessageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/groups/{id}/messages").WithTags("Messages").RequireAuthorization().WithBodyLimit(BodyLimits.Json)
            .ProducesErrors(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status503ServiceUnavailable);
        group.MapPost("/", Post).WithName("PostMessage").ProducesErrors(Status413PayloadTooLarge, Status422UnprocessableEntity, Status429TooManyRequests)
            .WithExample(new MessageDraft("c-7f2b", MessageTypes.Text, "Has anyone tried the new borrow checker?"))
            .WithSummary("Posts a message")
            .WithDescription("201 with the message and its seq once stored; a retry with the same client_id returns the first result. /INFO and /HELP answer the sender only (200). Refusals: 403 not_member, banned, unsubscribed or muted; 422 type_not_allowed or link_refused; 413 message_too_large; 429 too_frequent with Retry-After.");
        group.MapGet("/", History).WithName("GetHistory").WithExample(new HistoryPage([ApiExamples.Message], 1_205))
            .WithSummary("History").WithDescription("Messages after=SEQ (ascending) or before=SEQ (descending), up to limit (1-200, default 50). Subscribed members only.");
        group.MapDelete("/{seq:long}", Recall).WithName("RecallMessage").ProducesErrors(Status409Conflict, Status422UnprocessableEntity)
            .WithExample(ApiExamples.Message with { Seq = 1_206, Kind = ChatEventKinds.Recall, RecallOf = 1_205, Text = null, ClientId = null })
            .WithSummary("Recalls a message").WithDescription("The author (while a member) or a moderator; everyone receives the recall entry.");
        return group;
    }

    private static async Task<Results<Created<ChatMessage>, Ok<CommandReply>>> Post(string id, MessageDraft draft, ClaimsPrincipal user, IGrainFactory grains,
        IdempotentRetry retry, CancellationToken aborted)
    {
        var group = GroupEndpoints.Group(grains, id);
        var userId = user.UserIdOf();
        // With a client id a repeat returns the first result, so a post caught by a silo's death is sent again.
        var outcome = string.IsNullOrEmpty(draft.ClientId)
            ? await group.PostAsync(userId, draft)
            : await retry.RunAsync(() => group.PostAsync(userId, draft), aborted);
        if (outcome.Reply is { } reply)
            return TypedResults.Ok(reply);
        var message = outcome.Message ?? throw new InvalidOperationException("a post returned neither message nor reply");
        return TypedResults.Created(ResourcePaths.Message(id, message.Seq), message);
    }

    private static async Task<Ok<HistoryPage>> History(string id, long? after, long? before, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (after < 0 || before < 0)
            throw DomainException.Invalid(ErrorCodes.SeqInvalid, "after and before must not be negative.");
        return TypedResults.Ok(await GroupEndpoints.Group(grains, id).GetHistoryAsync(user.UserIdOf(), after, before, limit ?? 50));
    }

    private static async Task<Ok<ChatMessage>> Recall(string id, long seq, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await GroupEndpoints.Group(grains, id).RecallAsync(user.UserIdOf(), seq));
}
