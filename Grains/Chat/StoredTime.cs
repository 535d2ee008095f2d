namespace Grains.Chat;

/// <summary>
/// Times as PostgreSQL keeps them (microseconds, UTC), so what a poster is acknowledged with equals what
/// history returns later.
/// </summary>
public static class StoredTime
{
    public static DateTimeOffset Now(TimeProvider clock) => Truncate(clock.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
}
