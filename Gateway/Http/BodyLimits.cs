using Microsoft.AspNetCore.Http.Metadata;

namespace Gateway.Http;

/// <summary>
/// Request body caps per route group. Routing hands the cap to the server (Kestrel) before the handler binds
/// anything, so an oversized body is refused with 413 after reading at most the cap, not after buffering it.
/// </summary>
public static class BodyLimits
{
    /// <summary>Sign-up and sign-in: a username and a password of at most 1 KiB.</summary>
    public const long Credentials = 4 * 1024;

    /// <summary>Chat and chain JSON bodies, and the server-wide default for any route that sets none.</summary>
    public const long Json = 64 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
