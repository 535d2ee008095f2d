namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// What came back: status, media type, body text, whether Retry-After was set; or why nothing complete came back
/// (<see cref="TransportError"/>, with the client's exception in <see cref="Body"/>); or that the URL never reached
/// the app (<see cref="RefusedBeforeApp"/>).
/// </summary>
public sealed record FuzzOutcome(int Status, string? MediaType, string Body, bool HasRetryAfter, string? TransportError = null, bool RefusedBeforeApp = false)
{
    /// <summary>The status counted in the statistics: -1 when the URL never reached the app.</summary>
    public int Counted => RefusedBeforeApp ? -1 : Status;
}
