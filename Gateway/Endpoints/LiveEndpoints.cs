using System.Globalization;
using System.Security.Claims;
using Gateway.Auth;
using Gateway.Live;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Endpoints;

/// <summary>
/// <c>GET /api/live</c>: one Server-Sent Events stream per user carrying every group's messages, system notices
/// and recalls (<c>id: {group}:{seq}</c>) and private notes (no id). On reconnect, <c>?since=g1:12,g2:40</c> (or the
/// <c>Last-Event-ID</c> header for one group) replays what was missed, then the stream goes live.
/// </summary>
public static class LiveEndpoints
{
    public static RouteGroupBuilder MapLiveEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/live").WithTags("Live").RequireAuthorization();
        group.MapGet("/", Stream).WithName("LiveStream")
            .WithSummary("Server-Sent Events: every group's messages with id {group}:{seq}; since=group:seq,... or Last-Event-ID replays what was missed.");
        return group;
    }

    private static async Task Stream(HttpContext http, string? since, ClaimsPrincipal user, IGrainFactory grains, LiveHub hub, LiveFlusher flusher,
        LiveRegistration registration, GatewayIdentity gateway, ILoggerFactory loggers)
    {
        var userId = user.UserIdOf();
        var wanted = ParseSince(since, http.Request.Headers["Last-Event-ID"].ToString());
        try
        {
            await registration.Registered.WaitAsync(TimeSpan.FromSeconds(30), http.RequestAborted);
        }
        catch (TimeoutException)
        {
            throw DomainException.Unavailable("live_unavailable", "This gateway cannot reach the cluster for live delivery yet.", TimeSpan.FromSeconds(5));
        }


        var connection = new LiveConnection(userId, grains, flusher, loggers.CreateLogger<LiveConnection>());
        hub.Attach(connection);
        var member = grains.GetGrain<IMemberGrain>(userId);
        try
        {
            var groups = await member.ConnectAsync(gateway.Id);
            var mine = groups.Select(g => g.GroupId).ToHashSet(StringComparer.Ordinal);
            var replay = wanted.Where(w => mine.Contains(w.Key)).ToDictionary(StringComparer.Ordinal);

            // Groups without a replay start from their current last sequence: pushes can arrive out of order
            // (one-way calls), and a known starting point lets the connection fill a gap instead of dropping
            // the late message as a duplicate.
            var fresh = mine.Where(g => !replay.ContainsKey(g)).ToArray();
            var lastSeqs = await Task.WhenAll(fresh.Select(g => grains.GetGrain<IGroupGrain>(g).GetLastSeqAsync()));
            var baselines = fresh.Zip(lastSeqs).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await http.Response.StartAsync(http.RequestAborted);
            await connection.RunAsync(http.Response.BodyWriter, LiveFrames.Ready(gateway.Id, mine.Order(StringComparer.Ordinal)), replay, baselines, http.RequestAborted);
        }
        finally
        {
            if (hub.Detach(connection))
                await member.DisconnectAsync(gateway.Id);
        }
    }

    private static Dictionary<string, long> ParseSince(string? since, string lastEventId)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(lastEventId) && TryParse(lastEventId, out var group, out var seq))
            result[group] = seq;
        if (string.IsNullOrEmpty(since))
            return result;

        var parts = since.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 1000)
            throw DomainException.Invalid("since_too_long", "since lists at most 1000 groups.");
        foreach (var part in parts)
        {
            if (!TryParse(part, out group, out seq))
                throw DomainException.Invalid("since_invalid", "since must be a comma-separated list of group:seq.");
            result[group] = seq;
        }

        return result;
    }

    private static bool TryParse(string text, out string group, out long seq)
    {
        var colon = text.LastIndexOf(':');
        group = colon > 0 ? text[..colon] : string.Empty;
        seq = 0;
        return colon > 0 && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }
}
