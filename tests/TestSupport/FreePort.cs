using System.Net;
using System.Net.Sockets;

namespace TestSupport;

public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>A loopback TCP port nobody listens on now and that this process has not handed out before.</summary>
    public static int Next()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                    return port;
            }
        }
    }

    /// <summary>
    /// <paramref name="count"/> consecutive loopback ports, all free now and never handed out before, for
    /// tools that number their ports base+K. The range is taken below Linux's ephemeral range (32768 and
    /// up), so an outgoing connection cannot be holding one of them when the tool binds it.
    /// </summary>
    public static int NextRange(int count)
    {
        lock (Handed)
        {
            while (true)
            {
                var first = Random.Shared.Next(20_000, 32_000 - count);
                var range = Enumerable.Range(first, count).ToList();
                if (range.Any(Handed.Contains) || !range.All(IsFree))
                    continue;
                range.ForEach(port => Handed.Add(port));
                return first;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
