using Xunit;

namespace TestSupport;

/// <summary>What a host that refuses its settings must show: exit code 2 and one message naming every bad setting.</summary>
public static class SettingsRefusal
{
    /// <summary>
    /// Waits for <paramref name="host"/> to exit by itself and checks it refused to start with exactly
    /// <paramref name="expectedLines"/> (each a whole line of the message, without its "  - " bullet).
    /// </summary>
    public static void AssertRefused(HostProcess host, params string[] expectedLines)
    {
        Assert.True(host.WaitForExit(TimeSpan.FromSeconds(60)), $"{host.Name} kept running with bad settings:\n{host.Output}");
        Assert.True(host.ExitCode == 2, $"{host.Name} exited {host.ExitCode}, not 2:\n{host.Output}");

        var lines = host.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.Contains("cannot start:", StringComparison.Ordinal));
        Assert.True(header >= 0, $"no refusal message:\n{host.Output}");
        var listed = lines.Skip(header + 1).TakeWhile(l => l.StartsWith("  - ", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
        Assert.Equal(expectedLines.Order(StringComparer.Ordinal), listed);
        Assert.Contains($"{expectedLines.Length} setting{(expectedLines.Length == 1 ? " is" : "s are")} invalid", lines[header], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
