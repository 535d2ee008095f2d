namespace Gateway.Tests.Http.Fuzz;

/// <summary>Who a fuzz request claims to be.</summary>
public enum TokenRole
{
    /// <summary>No Authorization header.</summary>
    None,

    /// <summary>The user who owns the scene's group and node.</summary>
    Owner,

    /// <summary>A plain member of the scene's group.</summary>
    Member,

    /// <summary>An Authorization header that must not authenticate: junk, a forged or an expired token.</summary>
    Garbage,
}
