namespace Grains.Interfaces.Errors;

/// <summary>What kind of refusal a <see cref="DomainException"/> is; the gateway maps each to one HTTP status.</summary>
[GenerateSerializer, Alias("ErrorKind")]
public enum ErrorKind
{
    /// <summary>The input breaks a rule (400).</summary>
    Invalid = 0,

    /// <summary>The thing asked for does not exist (404).</summary>
    NotFound = 1,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden = 2,

    /// <summary>It clashes with the current state, e.g. work already running (409).</summary>
    Conflict = 3,

    /// <summary>Well-formed but refused by policy, e.g. a message type switched off (422).</summary>
    Unprocessable = 4,

    /// <summary>Too large (413).</summary>
    TooLarge = 5,

    /// <summary>Too frequent; <see cref="DomainException.RetryAfter"/> says when to try again (429).</summary>
    TooManyRequests = 6,

    /// <summary>A dependency (the database) is down; retry later (503).</summary>
    Unavailable = 7,

    /// <summary>The caller is not signed in (401).</summary>
    Unauthenticated = 8,

    /// <summary>A payment is needed that the caller's wallet cannot cover (402); details say the price and the balance.</summary>
    PaymentRequired = 9,

    /// <summary>The bytes are not what the route takes, e.g. an upload whose content is not the type it claims (415).</summary>
    UnsupportedMediaType = 10,
}
