using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Partition.Tests.Checker;
using Partition.Tests.Infrastructure;
using Partition.Tests.Network;
using Xunit.Abstractions;

namespace Partition.Tests;

/// <summary>
/// Partitions of a real cluster on a simulated network, checked the way Jepsen checks: record every client
/// operation and its outcome under chat posting, transfers and mining, cut the network, heal it, then hold the
/// stored state against the history. Every scenario uses the same processes; none may be restarted.
/// </summary>
[Collection(PartitionCollection.Name)]
public sealed class PartitionTests(PartitionCluster cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan CutFor = TimeSpan.FromSeconds(20);

    [Fact]
    public Task A_silo_cut_off_from_its_peers_and_PostgreSQL_for_20_s() =>
        RunAsync("silo cut off from peers and PostgreSQL",
            cut: () => cluster.Network.Cut(cluster.SiloHosts[2], Segment.Cluster, Segment.Database),
            heal: () => cluster.Network.Heal(cluster.SiloHosts[2], Segment.Cluster, Segment.Database));

    [Fact]
    public Task A_silo_cut_off_from_PostgreSQL_only() =>
        RunAsync("silo cut off from PostgreSQL only",
            cut: () => cluster.Network.Cut(cluster.SiloHosts[2], Segment.Database),
            heal: () => cluster.Network.Heal(cluster.SiloHosts[2], Segment.Database));

    [Fact]
    public Task A_gateway_cut_off_from_every_silo_while_clients_of_the_other_keep_working() =>
        RunAsync("gateway cut off from every silo",
            cut: () => cluster.Network.Cut(cluster.GatewayHosts[1], Segment.Cluster),
            heal: () => cluster.Network.Heal(cluster.GatewayHosts[1], Segment.Cluster),
            whileCut: history => Assert.True(history.Count(o => o.Outcome == Outcome.Acknowledged) > 0, "nothing was acknowledged while one gateway was cut off"));

    [Fact]
    public Task A_two_to_one_split_of_the_silos_with_PostgreSQL_on_both_sides() =>
        RunAsync("2 | 1 split of the silos",
            cut: () => cluster.Network.Split(cluster.SiloHosts[2], cluster.GatewayHosts[1]),
            heal: () => cluster.Network.HealAll());

    [Fact]
    public Task Chain_nodes_on_both_sides_of_a_split_mine_and_converge_on_the_branch_with_most_work() =>
        RunAsync("chain nodes mining on both sides of a split",
            cut: () => cluster.Network.Split(cluster.SiloHosts[2], cluster.GatewayHosts[1]),
            heal: () => cluster.Network.HealAll(),
            chainNodes: NodesOnBothSidesAsync,
            // The same coins, once to each side's node: both sides may take theirs, the converged chain only one.
            duringCut: async chain =>
            {
                output.WriteLine("at the split: " + await chain.TipsBySideAsync());
                await chain.DoubleSpendAsync(chain.Nodes[0], 0, chain.Nodes[1], 1);
            },
            beforeHeal: async chain => output.WriteLine("before the heal: " + await chain.TipsBySideAsync()));

    /// <summary>The hashes of the blocks <paramref name="node"/> stored between <paramref name="from"/> and <paramref name="to"/>, read from PostgreSQL.</summary>
    private async Task<List<string>> BlocksStoredAsync(string node, DateTime from, DateTime to)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT encode(hash, 'hex') FROM chain_blocks WHERE node_id = $1 AND received_at BETWEEN $2 AND $3", connection);
        command.Parameters.AddWithValue(node);
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(to);
        var hashes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            hashes.Add(reader.GetString(0));
        return hashes;
    }

    /// <summary>Two new chain nodes, the first hosted on silo 0 or 1 (the majority side of the split), the second on silo 2.</summary>
    private async Task<string[]> NodesOnBothSidesAsync(Client client, string runId)
    {
        await using var locator = await GrainLocator.ConnectAsync(cluster.ConnectionString, cluster.ClusterId, cluster.ServiceId);
        var minority = cluster.SiloHosts[2].Address(Segment.Cluster);
        string? majorityNode = null, minorityNode = null;
        var placed = new Dictionary<string, int>();
        for (var i = 0; i < 150 && (majorityNode is null || minorityNode is null); i++)
        {
            var node = $"{runId}-n{i}";
            await Client.ExpectAsync(HttpStatusCode.Created, () => client.Gateway(i % 2).PutAsJsonAsync($"/api/nodes/{node}", new { }));
            var silo = await locator.SiloOfAsync(node);
            placed[silo?.ToString() ?? "not found"] = placed.GetValueOrDefault(silo?.ToString() ?? "not found") + 1;
            if (silo is null)
                continue;
            if (silo.Equals(minority))
                minorityNode ??= node;
            else
                majorityNode ??= node;
        }

        Assert.True(majorityNode is not null && minorityNode is not null,
            $"could not place a node on each side of the split (silo 2 is {minority}; placed: {string.Join(", ", placed.Select(p => $"{p.Key} {p.Value}"))})");
        output.WriteLine($"node {majorityNode} on the majority side, {minorityNode} on silo 2");
        return [majorityNode!, minorityNode!];
    }

    private async Task RunAsync(string scenario, Action cut, Action heal, Action<IReadOnlyList<Operation>>? whileCut = null,
        Func<Client, string, Task<string[]>>? chainNodes = null, Func<ChainWorkload, Task>? duringCut = null, Func<ChainWorkload, Task>? beforeHeal = null)
    {
        try
        {
            await RunScenarioAsync(scenario, cut, heal, whileCut, chainNodes, duringCut, beforeHeal);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("PARTITION_LOGS") is { Length: > 0 } logFolder)
                File.WriteAllText(Path.Combine(logFolder, scenario.Replace(' ', '-') + ".log"), cluster.Logs(3000));
        }
    }

    private async Task RunScenarioAsync(string scenario, Action cut, Action heal, Action<IReadOnlyList<Operation>>? whileCut,
        Func<Client, string, Task<string[]>>? chainNodes, Func<ChainWorkload, Task>? duringCut, Func<ChainWorkload, Task>? beforeHeal)
    {
        await cluster.WaitUntilAllReadyAsync(TimeSpan.FromSeconds(120));
        var processIds = cluster.Processes.Select(p => p.Id).ToList();
        var runId = "r" + Guid.NewGuid().ToString("N")[..8];
        var history = new History();
        using var client = await Client.SignUpAsync([cluster.GatewayAddress(0), cluster.GatewayAddress(1)], history);
        var chat = await ChatWorkload.SetUpAsync(client, history, runId);
        var nodes = chainNodes is null ? null : await chainNodes(client, runId);
        var chain = await ChainWorkload.SetUpAsync(client, history, nodes ?? [runId + "-a", runId + "-b"], create: nodes is null, continuousMining: nodes is not null);
        var packets = await RedPacketWorkload.SetUpAsync(client, history, chat.Groups[0], [cluster.GatewayAddress(0), cluster.GatewayAddress(1)]);

        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(chat.RunAsync(posters: 4, maxEach: 2000, stop.Token), chain.RunAsync(maxBlocks: 400, maxTransfers: 2000, stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(4));

        var cutAt = DateTime.UtcNow;
        cut();
        // The members claim the packet while the network is cut.
        var claiming = packets.RunAsync();
        DateTime healedAt;
        try
        {
            if (duringCut is not null)
                await duringCut(chain);
            var remaining = CutFor - (DateTime.UtcNow - cutAt);
            if (remaining > TimeSpan.Zero)
                await Task.Delay(remaining);
            if (beforeHeal is not null)
                await beforeHeal(chain);
        }
        finally
        {
            heal();
            healedAt = DateTime.UtcNow;
        }

        var serviceAfter = await WaitForFullServiceAsync(chat, chain, TimeSpan.FromSeconds(150));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await load;
        await claiming;
        var duringTheCut = history.Operations.Where(o => o.Ended > cutAt && o.Ended < healedAt).ToList();
        output.WriteLine($"{scenario}: cut for {(healedAt - cutAt).TotalSeconds:F1} s; {duringTheCut.Count(o => o.Outcome == Outcome.Acknowledged)} operations acknowledged during the cut; "
            + $"full service {serviceAfter.TotalSeconds:F1} s after the heal");
        whileCut?.Invoke(duringTheCut);
        if (nodes is not null)
            await chain.StopMiningAsync();
        var heaviest = await chain.HeaviestTipWorkAsync(0);

        var problems = new List<string>();
        problems.AddRange(await chat.CheckAsync(client));
        problems.AddRange(await chain.CheckAsync(heaviest));
        problems.AddRange(await packets.CheckAsync());
        if (nodes is not null)
        {
            // Each side's node mined while they could not hear each other; blocks of the side that lost are off the chain.
            foreach (var node in nodes)
            {
                var stored = await BlocksStoredAsync(node, cutAt, healedAt);
                output.WriteLine($"{node} stored {stored.Count} blocks during the split, {stored.Count(h => !chain.ConvergedChain.Contains(h))} of them off the converged chain");
                if (stored.Count == 0)
                    problems.Add($"{node} mined nothing during the split");
            }
        }

        packets.DisposeMembers();
        problems.AddRange(history.ServerErrors.Where(e => e.Status != HttpStatusCode.ServiceUnavailable || !e.HasRetryAfter)
            .Select(e => $"{e.At:HH:mm:ss.fff} gateway {e.Gateway} answered {(int)e.Status}{(e.HasRetryAfter ? "" : " without Retry-After")} to {e.Request}: {e.Body}"));
        await cluster.WaitUntilAllReadyAsync(TimeSpan.FromSeconds(60));
        if (!cluster.Processes.Select(p => p.Id).SequenceEqual(processIds))
            problems.Add("a process was restarted");

        output.WriteLine(history.Summary(ChatWorkload.Kind));
        output.WriteLine(history.Summary(ChainWorkload.Transfer));
        output.WriteLine(history.Summary(ChainWorkload.Mine));
        output.WriteLine(history.Summary(ChainWorkload.DoubleSpend));
        output.WriteLine(history.Summary(RedPacketWorkload.Kind));
        output.WriteLine($"{history.Answers} answers, {history.ServerErrors.Count} of them 5xx (all 503 with Retry-After unless listed below)");
        foreach (var problem in problems)
            output.WriteLine("PROBLEM " + problem);
        Assert.True(problems.Count == 0, $"{scenario}: {problems.Count} problems, first: {problems.FirstOrDefault()}\n{cluster.Logs(40)}");
    }

    /// <summary>
    /// From the heal until, in one round, every silo and gateway is ready, a post to every group is acknowledged
    /// through every gateway, and every node answers through every gateway.
    /// </summary>
    private async Task<TimeSpan> WaitForFullServiceAsync(ChatWorkload chat, ChainWorkload chain, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var round = 0; clock.Elapsed < limit; round++)
        {
            var whole = true;
            foreach (var process in cluster.Processes)
                whole &= await AnswersAsync(probe, new Uri(process.HttpAddress, "/health/ready"));
            for (var gateway = 0; whole && gateway < PartitionCluster.GatewayCount; gateway++)
            {
                whole &= await chat.ProbeAsync(gateway, round);
                foreach (var node in chain.Nodes)
                    whole &= await AnswersAsync(probe, new Uri(cluster.GatewayAddress(gateway), $"/api/nodes/{node}"));
            }

            if (whole)
                return clock.Elapsed;
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"no full service {limit.TotalSeconds} s after the heal\n{cluster.Logs(60)}");
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri address)
    {
        try
        {
            using var response = await http.GetAsync(address);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
