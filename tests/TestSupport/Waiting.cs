using Xunit;

namespace TestSupport;

/// <summary>Polls for something the system does in its own time (a confirmation, a recovery), failing the test after a limit.</summary>
public static class Waiting
{
    public static async Task UntilAsync(Func<Task<bool>> done, string what, TimeSpan patience, int pollMs = 100)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting for {what}");
            await Task.Delay(pollMs);
        }
    }
}
