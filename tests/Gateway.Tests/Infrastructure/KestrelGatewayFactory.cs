using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The embedded Gateway on real Kestrel (a loopback port the system picks) instead of the in-memory test server,
/// for what only a socket shows: the client's address, body limits enforced while reading, headers on the wire.
/// Passwords are hashed with the lowest allowed work factor and sign-in is not rate limited unless a test sets
/// <c>Auth:AttemptsPerMinute</c> with <see cref="EmbeddedGatewayFactory.With"/>.
/// </summary>
public class KestrelGatewayFactory : EmbeddedGatewayFactory
{
    private readonly List<HttpClient> _clients = [];
    private Uri? _address;

    public KestrelGatewayFactory()
    {
        UseKestrel(0);
        With("Auth:PasswordHashIterations", "1000");
        With("Auth:AttemptsPerMinute", "100000");
    }

    /// <summary>Where the server listens (http://127.0.0.1:port/); the first call starts it.</summary>
    public Uri Address => _address ??= Start();

    /// <summary>
    /// A client over real sockets. With <paramref name="from"/>, its connections leave from that local address
    /// (any 127.x.y.z is loopback on Linux), so the server sees a different client address.
    /// </summary>
    public HttpClient CreateSocketClient(IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (from is not null)
            handler.ConnectCallback = (context, cancel) => ConnectFromAsync(from, context.DnsEndPoint, cancel);
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        lock (_clients)
            _clients.Add(client);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
                client.Dispose();
            _clients.Clear();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress from, DnsEndPoint server, CancellationToken cancel)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(server.Host), server.Port), cancel);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
