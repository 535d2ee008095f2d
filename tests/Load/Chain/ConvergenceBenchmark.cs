using System.Diagnostics;
using Grains.Chain;
using Grains.Interfaces.Chain;
using Load.Foundation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Silo.Hosting;
using TestSupport;

namespace Load.Chain;

/// <summary>
/// Ten nodes in one in-process silo split into two halves of five, each half fully meshed. The halves
/// mine apart (the second half more blocks), then every node is connected to every other and the
/// clock runs until all ten share one tip: once when nodes resolve on reconnecting, once when the
/// reconnection is only noticed through the next block's gossip.
/// </summary>
public static class ConvergenceBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var blocksA = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
        var blocksB = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
        var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo => silo.ConfigureClusterSilo(new ClusterHostOptions { SiloPort = FreePort.Next(), GatewayPort = FreePort.Next() }));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var bits = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChainOptions>>().Value.InitialBits;
            Console.WriteLine($"chain-converge: 10 nodes, halves mine {blocksA} and {blocksB} blocks apart (target {bits}), then reconnect");
            var resolve = new List<double>();
            var gossip = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                resolve.Add(await RoundAsync(grains, "resolve", blocksA, blocksB, viaResolve: true));
                gossip.Add(await RoundAsync(grains, "gossip", blocksA, blocksB, viaResolve: false));
            }

            Console.WriteLine($"  median of {runs} runs (min–max), ms from reconnecting until all 10 nodes agree:");
            Spread.Print("resolve (each node asks its peers)", resolve, "F0");
            Spread.Print("gossip (one new block after reconnecting)", gossip, "F0");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Milliseconds from reconnecting the halves until every node has one tip (NaN when they did not agree in 60 s).</summary>
    private static async Task<double> RoundAsync(IGrainFactory grains, string label, int blocksA, int blocksB, bool viaResolve)
    {
        var ids = Enumerable.Range(0, 10).Select(i => $"{label}-{i}-{Guid.NewGuid().ToString("N")[..6]}").ToArray();
        var halfA = ids[..5];
        var halfB = ids[5..];
        IChainNodeGrain Node(string id) => grains.GetGrain<IChainNodeGrain>(id);
        foreach (var id in ids)
            await Node(id).EnsureCreatedAsync("benchmark");
        foreach (var half in new[] { halfA, halfB })
        {
            foreach (var id in half)
                await Node(id).AddPeersAsync(half.Where(p => p != id).ToArray());
        }

        // Apart: in each half two nodes mine at once, the rest hear of it by gossip.
        var apart = Stopwatch.StartNew();
        await Task.WhenAll(MineAsync(Node(halfA[0]), blocksA / 2), MineAsync(Node(halfA[1]), blocksA - (blocksA / 2)),
            MineAsync(Node(halfB[0]), blocksB / 2), MineAsync(Node(halfB[1]), blocksB - (blocksB / 2)));
        await SettleAsync(grains, halfA);
        await SettleAsync(grains, halfB);
        var tipA = await Node(halfA[0]).GetTipAsync();
        var tipB = await Node(halfB[0]).GetTipAsync();
        Console.WriteLine($"  [{label}] apart: half A at height {tipA.Height}, half B at height {tipB.Height} ({apart.ElapsedMilliseconds} ms to mine and settle)");

        foreach (var id in ids)
            await Node(id).AddPeersAsync(ids.Where(p => p != id && !(halfA.Contains(id) ? halfA : halfB).Contains(p)).ToArray());

        var watch = Stopwatch.StartNew();
        string target;
        if (viaResolve)
        {
            await Task.WhenAll(ids.Select(id => Node(id).ResolveAsync()));
            target = (await Task.WhenAll(ids.Select(id => Node(id).GetSummaryAsync()))).MaxBy(s => System.Numerics.BigInteger.Parse(s.CumulativeWork, System.Globalization.CultureInfo.InvariantCulture))!.TipHash;
        }
        else
        {
            target = (await Node(halfB[2]).MineAsync(null)).Hash;
        }

        var agreed = await WaitForAsync(async () => (await Task.WhenAll(ids.Select(id => Node(id).GetTipAsync()))).All(t => t.Hash == target), TimeSpan.FromSeconds(60));
        watch.Stop();
        var height = (await Node(halfA[0]).GetTipAsync()).Height;
        Console.WriteLine(agreed
            ? $"  [{label}] all 10 nodes agree on one tip (height {height}) {watch.Elapsed.TotalMilliseconds:0} ms after reconnecting; half A reorganised {tipA.Height} blocks"
            : $"  [{label}] nodes did NOT agree within 60 s");
        return agreed ? watch.Elapsed.TotalMilliseconds : double.NaN;
    }

    private static async Task MineAsync(IChainNodeGrain node, int blocks)
    {
        for (var i = 0; i < blocks; i++)
            await node.MineAsync(null);
    }

    /// <summary>Equal-work forks inside a half are settled the way miners do: one more block on the heaviest tip.</summary>
    private static async Task SettleAsync(IGrainFactory grains, string[] half)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var tips = await Task.WhenAll(half.Select(id => grains.GetGrain<IChainNodeGrain>(id).GetTipAsync()));
            if (tips.All(t => t.Hash == tips[0].Hash))
                return;
            if (await WaitForAsync(async () =>
                {
                    var now = await Task.WhenAll(half.Select(id => grains.GetGrain<IChainNodeGrain>(id).GetTipAsync()));
                    return now.All(t => t.Hash == now[0].Hash);
                }, TimeSpan.FromSeconds(2)))
                return;
            await grains.GetGrain<IChainNodeGrain>(half[0]).MineAsync(null);
        }
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (await condition())
                return true;
            await Task.Delay(5);
        }

        return false;
    }
}
