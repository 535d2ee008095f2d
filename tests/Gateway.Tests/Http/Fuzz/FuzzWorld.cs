using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Chat;
using Microsoft.AspNetCore.Mvc.Testing;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// What every fuzz request can refer to: two signed-in users (an owner and a member), a funded demo wallet with a
/// signed transfer, a peer node, and per operation a fresh <see cref="FuzzScene"/>.
/// </summary>
public sealed class FuzzWorld : IDisposable
{
    public const string Password = "correct horse battery";
    public const string DefaultNode = "node";
    public const string PeerNode = "fuzz-peer";

    private readonly ChatApi _owner;
    private readonly ChatApi _member;
    private int _scenes;

    private FuzzWorld(HttpClient http, ChatApi owner, ChatApi member)
    {
        Http = http;
        _owner = owner;
        _member = member;
        Garbage = ForgedTokens.Headers(owner.UserId, owner.Username, FuzzGatewayFactory.SigningKey);
    }

    /// <summary>A client without credentials and without redirects; every request sets its own Authorization.</summary>
    public HttpClient Http { get; }

    public string OwnerName => _owner.Username;

    public string MemberName => _member.Username;

    public IReadOnlyList<string> Garbage { get; }

    public string WalletAddress { get; private set; } = "";

    public string WalletPrivateKey { get; private set; } = "";

    /// <summary>A transfer of 1 unit from the wallet (nonce 0, fee 0), signed by the demo endpoint; spendable on every scene's node.</summary>
    public JsonElement SignedTransfer { get; private set; }

    public static async Task<FuzzWorld> CreateAsync(WebApplicationFactory<Program> factory)
    {
        HttpClient NewClient() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var owner = await ChatApi.SignUpAsync(NewClient, "fuzz_owner");
        var member = await ChatApi.SignUpAsync(NewClient, "fuzz_member");
        var world = new FuzzWorld(NewClient(), owner, member);

        var wallet = await world.CallAsync(HttpMethod.Post, "/api/wallets", TokenRole.None, null, HttpStatusCode.Created);
        world.WalletAddress = wallet.GetProperty("address").GetString()!;
        world.WalletPrivateKey = wallet.GetProperty("private_key").GetString()!;
        var friend = await world.CallAsync(HttpMethod.Post, "/api/wallets", TokenRole.None, null, HttpStatusCode.Created);
        var signed = await world.CallAsync(HttpMethod.Post, "/api/wallets/sign", TokenRole.None,
            new { private_key = world.WalletPrivateKey, to = friend.GetProperty("address").GetString(), amount = 1, fee = 0, nonce = 0 }, HttpStatusCode.OK);
        world.SignedTransfer = signed.GetProperty("transaction");

        await world.CallAsync(HttpMethod.Put, $"/api/nodes/{PeerNode}", TokenRole.Owner, null, HttpStatusCode.Created);
        await world.CallAsync(HttpMethod.Post, $"/api/nodes/{PeerNode}/mine", TokenRole.Owner, null, HttpStatusCode.OK);
        return world;
    }

    /// <summary>The Authorization header value for <paramref name="role"/>; garbage is picked with <paramref name="random"/>.</summary>
    public string? Authorization(TokenRole role, Random random) => role switch
    {
        TokenRole.Owner => "Bearer " + _owner.Http.DefaultRequestHeaders.Authorization!.Parameter,
        TokenRole.Member => "Bearer " + _member.Http.DefaultRequestHeaders.Authorization!.Parameter,
        TokenRole.Garbage => Garbage[random.Next(Garbage.Count)],
        _ => null,
    };

    /// <summary>A fresh group and node when the operation's route names them, and a real cursor when it pages.</summary>
    public async Task<FuzzScene> SceneForAsync(ApiOperation operation)
    {
        var n = ++_scenes;
        var scene = new FuzzScene();
        if (operation.RouteParameters.Contains("id"))
        {
            var group = await CallAsync(HttpMethod.Post, "/api/groups", TokenRole.Owner, new { name = $"fuzz group {n}", description = "made by the fuzzer", shard_count = 4 },
                HttpStatusCode.Created);
            var id = group.GetProperty("id").GetString()!;
            await CallAsync(HttpMethod.Post, $"/api/groups/{id}/members", TokenRole.Member, null, HttpStatusCode.Created);
            var seqs = new List<long>();
            foreach (var (who, text) in new[] { (TokenRole.Owner, "hello everyone"), (TokenRole.Member, "hi owner"), (TokenRole.Owner, "see https://example.com") })
            {
                var message = await CallAsync(HttpMethod.Post, $"/api/groups/{id}/messages", who,
                    new { client_id = $"scene-{n}-{seqs.Count}", type = "text", text }, HttpStatusCode.Created);
                seqs.Add(message.GetProperty("seq").GetInt64());
            }

            // The link filter on, so posts go through it too.
            await CallAsync(HttpMethod.Patch, $"/api/groups/{id}", TokenRole.Owner, new { link_filter = true }, HttpStatusCode.OK);
            scene = scene with { GroupId = id, MessageSeqs = seqs };
        }

        if (operation.RouteParameters.Contains("node"))
        {
            var node = $"fuzz-node-{n}";
            var summary = await CallAsync(HttpMethod.Put, $"/api/nodes/{node}", TokenRole.Owner, null, HttpStatusCode.Created);
            var first = await CallAsync(HttpMethod.Post, $"/api/nodes/{node}/mine", TokenRole.Owner, new { miner_address = WalletAddress }, HttpStatusCode.OK);
            var second = await CallAsync(HttpMethod.Post, $"/api/nodes/{node}/mine", TokenRole.Owner, null, HttpStatusCode.OK);
            scene = scene with
            {
                NodeId = node,
                NodeWallet = summary.GetProperty("wallet_address").GetString(),
                BlockHash = second.GetProperty("hash").GetString(),
                GenesisHash = first.GetProperty("previous_hash").GetString(),
                TransactionId = first.GetProperty("transactions")[0].GetProperty("id").GetString(),
            };
        }

        if (operation.QueryParameters.Any(q => q.Name == "cursor"))
        {
            var list = scene.GroupId is { } groupId ? $"/api/groups/{groupId}/members?limit=1" : "/api/groups?limit=1";
            var page = await CallAsync(HttpMethod.Get, list, TokenRole.Owner, null, HttpStatusCode.OK);
            if (page.TryGetProperty("next_cursor", out var cursor) && cursor.ValueKind == JsonValueKind.String)
                scene = scene with { Cursor = cursor.GetString() };
        }

        return scene;
    }

    /// <summary>Stops continuous mining the operation may have switched on, so it does not eat the CPU of later operations.</summary>
    public async Task CleanUpAfterAsync(ApiOperation operation, FuzzScene scene)
    {
        if (!operation.Template.EndsWith("/mining", StringComparison.Ordinal))
            return;
        foreach (var node in new[] { scene.NodeId, PeerNode }.OfType<string>())
        {
            using var request = Request(HttpMethod.Put, $"/api/nodes/{node}/mining", TokenRole.Owner, new { enabled = false });
            using var response = await Http.SendAsync(request);
        }
    }

    public void Dispose() => Http.Dispose();

    private async Task<JsonElement> CallAsync(HttpMethod method, string url, TokenRole role, object? body, HttpStatusCode expected)
    {
        using var request = Request(method, url, role, body);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            string.Create(CultureInfo.InvariantCulture, $"setting up the fuzz state, {method} {url} answered {(int)response.StatusCode}, not {(int)expected}: {text}"));
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private HttpRequestMessage Request(HttpMethod method, string url, TokenRole role, object? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (Authorization(role, Random.Shared) is { } header)
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(header);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }
}
