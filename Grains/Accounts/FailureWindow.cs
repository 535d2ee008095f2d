namespace Grains.Accounts;

/// <summary>
/// Failed attempts within a sliding window: once <c>max</c> failures fall inside it, further attempts wait until
/// the oldest leaves the window.
/// </summary>
public sealed class FailureWindow
{
    private readonly Queue<DateTimeOffset> _failures = new();

    public void Record(DateTimeOffset now) => _failures.Enqueue(now);

    /// <summary>Null when an attempt may go ahead now, else how long to wait.</summary>
    public TimeSpan? WaitBeforeAttempt(DateTimeOffset now, int max, TimeSpan window)
    {
        while (_failures.Count > 0 && now - _failures.Peek() >= window)
            _failures.Dequeue();
        while (_failures.Count > Math.Max(max, 0))
            _failures.Dequeue();
        return _failures.Count >= max && _failures.Count > 0 ? _failures.Peek() + window - now : null;
    }
}
