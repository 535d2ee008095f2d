using System.Globalization;

namespace Load.Chat;

/// <summary>CPU time used so far by every process with a given command name (from /proc), e.g. all postgres backends.</summary>
internal static class ProcessCpu
{
    public static TimeSpan OfCommand(string command)
    {
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _) || File.ReadAllText(Path.Combine(dir, "comm")).Trim() != command)
                    continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }

        // USER_HZ is 100 on Linux.
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>
    /// CPU time used so far by a process and everything under it, those that exited included (their time is in their
    /// parent's cutime and cstime once reaped): unlike <see cref="OfCommand"/>, it never goes down when a backend
    /// exits, and counts one PostgreSQL server, not every one on the machine.
    /// </summary>
    public static TimeSpan OfTree(int rootId)
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out var id))
                    continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // utime, stime, cutime, cstime (fields 14-17 of proc(5)).
                var ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
                stats[id] = (int.Parse(fields[1], CultureInfo.InvariantCulture), ticks);
            }
            catch (IOException)
            {
            }
        }

        var total = 0L;
        foreach (var (id, (_, ticks)) in stats)
        {
            for (var at = id; stats.TryGetValue(at, out var up) && at > 1; at = up.Parent)
            {
                if (at == rootId)
                {
                    total += ticks;
                    break;
                }
            }
        }

        return TimeSpan.FromSeconds(total / 100.0);
    }
}
