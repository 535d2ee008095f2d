using System.Globalization;
using System.Security.Claims;
using Gateway.Auth;
using Gateway.Http.OpenApi;
using Gateway.Live;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Live;

/// <summary>
/// <c>GET /api/live</c>: a Server-Sent Events stream carrying every group's messages, system notices and recalls (each
/// with <c>id: g1:12,g2:40</c>, the stream's position in every group) and private notes (no id). A user may hold several
/// (tabs). On reconnect, <c>Last-Event-ID</c> (browsers send it themselves) or <c>?since=g1:12,g2:40</c> replays what
/// was missed, then the stream goes live.
/// </summary>
public static class LiveEndpoints
{
    public static RouteGroupBuilder MapLiveEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/live").WithTags("Live").RequireAuthorization()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", Stream).WithName("LiveStream")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .WithExample("event: message\nid: 3f9a0c1e5b7d2468:1205,9b1c22d0e4f6a813:88\ndata: {\"group_id\":\"3f9a0c1e5b7d2468\",\"seq\":1205,\"kind\":\"message\",\"type\":\"text\",\"text\":\"hi\"}\n\n")
            .WithSummary("The live stream (Server-Sent Events)")
            .WithDescription("Every group's messages, system notices and recalls, each with id g1:SEQ,g2:SEQ (the stream's position in every group); private notes without an id. Send the last id back as Last-Event-ID (browsers do) or pass since=g1:SEQ,g2:SEQ to replay what was missed; the further position wins. access_token= is accepted for EventSource.");
        return group;
    }

    private static async Task Stream(HttpContext http, string? since, ClaimsPrincipal user, IGrainFactory grains, LiveHub hub, LiveFlusher flusher,
        LiveRegistration registration, GatewayIdentity gateway, ILoggerFactory loggers)
    {
        var userId = user.UserIdOf();
        var wanted = Newest(ParsePositions(since, "since"), HeaderPositions(http.Request.Headers["Last-Event-ID"].ToString()));
        try
        {
            await registration.Registered.WaitAsync(TimeSpan.FromSeconds(30), http.RequestAborted);
        }
        catch (TimeoutException)
        {
            throw DomainException.Unavailable(ErrorCodes.LiveUnavailable, "This gateway cannot reach the cluster for live delivery yet.", TimeSpan.FromSeconds(5));
        }

        var connection = new LiveConnection(userId, grains, flusher, loggers.CreateLogger<LiveConnection>());
        var member = grains.GetGrain<IMemberGrain>(userId);
        var generation = hub.Attach(connection);
        try
        {
            var groups = generation is { } first ? await member.ConnectAsync(gateway.Id, first) : await member.GetGroupsAsync();
            var mine = groups.Select(g => g.GroupId).Order(StringComparer.Ordinal).ToArray();

            // Every group starts at its current end unless the client asked for an earlier position. Pushes can arrive
            // out of order (one-way calls), and a known starting point lets the connection fill a gap instead of
            // dropping the late message as a duplicate. A position past the end is clamped, or the group would stay
            // silent until it caught up with a number it never reaches.
            var lastSeqs = await Task.WhenAll(mine.Select(g => grains.GetGrain<IGroupGrain>(g).GetLastSeqAsync()));
            var starts = mine.Zip(lastSeqs).ToDictionary(
                p => p.First,
                p => (Start: wanted.TryGetValue(p.First, out var seq) ? Math.Min(seq, p.Second) : p.Second, Last: p.Second),
                StringComparer.Ordinal);

            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await http.Response.StartAsync(http.RequestAborted);
            await connection.RunAsync(http.Response.BodyWriter, LiveFrames.Ready(gateway.Id, mine), starts, http.RequestAborted);
        }
        finally
        {
            if (hub.Detach(connection) is { } last)
                await member.DisconnectAsync(gateway.Id, last);
        }
    }

    /// <summary>
    /// A browser's automatic reconnect resends the original URL (its <c>since</c>) with a newer <c>Last-Event-ID</c>; a
    /// client may also send both on purpose. Per group, the further position wins, so nothing is replayed twice.
    /// </summary>
    private static Dictionary<string, long> Newest(Dictionary<string, long> a, Dictionary<string, long> b)
    {
        foreach (var (group, seq) in b)
            a[group] = Math.Max(seq, a.GetValueOrDefault(group, long.MinValue));
        return a;
    }

    /// <summary>The browser echoes the last id it saw; one it cannot have got from us is ignored rather than refused.</summary>
    private static Dictionary<string, long> HeaderPositions(string lastEventId)
    {
        try
        {
            return ParsePositions(lastEventId, "Last-Event-ID");
        }
        catch (DomainException)
        {
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }
    }

    /// <summary>Positions as the stream writes them in event ids: <c>g1:12,g2:40</c>.</summary>
    private static Dictionary<string, long> ParsePositions(string? text, string name)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
            return result;

        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 1000)
            throw DomainException.Invalid(ErrorCodes.SinceTooLong, $"{name} lists at most 1000 groups.");
        foreach (var part in parts)
        {
            if (!TryParse(part, out var group, out var seq))
                throw DomainException.Invalid(ErrorCodes.SinceInvalid, $"{name} must be a comma-separated list of group:seq.");
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
