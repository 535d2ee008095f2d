using System.Text.RegularExpressions;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// The bounded set of requests for one operation. The valid request goes with every token; each other request with
/// the owner's token (whose requests get furthest) and, where that adds something, a second token in turn from the
/// member, none and garbage, picked with the seeded random so runs repeat.
/// </summary>
public sealed partial class FuzzCases(FuzzWorld world, FuzzScene scene, Random random)
{
    private static readonly TokenRole[] Others = [TokenRole.Member, TokenRole.None, TokenRole.Garbage];
    private readonly FuzzBodies _bodies = new(world, scene, random);

    public IReadOnlyList<FuzzCase> For(ApiOperation operation)
    {
        var cases = new List<FuzzCase>();
        var valid = operation.RouteParameters.ToDictionary(p => p, p => Alternates(p)[0], StringComparer.Ordinal);
        var url = Url(operation, valid);
        var plausible = operation.DeclaresBody ? _bodies.Plausible(operation) : FuzzBody.None;
        // Mining is slow next to everything else: mine routes get one token per request.
        var twice = !operation.Mines;

        foreach (var role in Enum.GetValues<TokenRole>())
            cases.Add(new FuzzCase(operation, url, role, plausible));

        foreach (var parameter in operation.RouteParameters)
        {
            foreach (var value in Alternates(parameter).Skip(1))
                Add(cases, operation, Url(operation, new Dictionary<string, string>(valid) { [parameter] = value }), plausible, twice);
            foreach (var value in FuzzValues.HostileSegments)
                Add(cases, operation, Url(operation, new Dictionary<string, string>(valid) { [parameter] = value }), plausible, false);
        }

        foreach (var query in Queries(operation))
            Add(cases, operation, url + "?" + query, plausible, twice);

        foreach (var (token, target, body, headers) in HeaderCases(operation, url, valid, plausible))
            cases.Add(new FuzzCase(operation, target, token, body, headers));

        if (operation.DeclaresBody)
        {
            foreach (var body in _bodies.Whole(operation))
                Add(cases, operation, url, body, twice);
            foreach (var body in _bodies.OneFieldAtATime(operation))
                Add(cases, operation, url, body, false);
        }
        else if (operation.Method != "GET")
        {
            foreach (var body in FuzzBodies.Stray)
                Add(cases, operation, url, body, false);
        }

        return cases;
    }

    /// <summary>
    /// Refused requests again with an Accept header that does not name JSON (a browser page, an EventSource, an XML
    /// client): the refusal must still be a problem with a code, never a 5xx. And Last-Event-ID for the live stream.
    /// </summary>
    private IEnumerable<(TokenRole, string, FuzzBody, IReadOnlyList<KeyValuePair<string, string>>)> HeaderCases(
        ApiOperation operation, string url, IReadOnlyDictionary<string, string> valid, FuzzBody plausible)
    {
        static IReadOnlyList<KeyValuePair<string, string>> Header(string name, string value) => [new(name, value)];
        var accepts = new[] { "text/html", operation.IsStreamRoute ? "text/event-stream" : "application/xml" };
        foreach (var accept in accepts)
        {
            yield return (TokenRole.Garbage, url, plausible, Header("Accept", accept));
            if (operation.RouteParameters.Count > 0)
                yield return (TokenRole.Owner, Url(operation, new Dictionary<string, string>(valid) { [operation.RouteParameters[^1]] = "%20" }), plausible, Header("Accept", accept));
            if (operation.DeclaresBody)
                yield return (TokenRole.Owner, url, FuzzBody.Text("malformed", "{\"a\": "), Header("Accept", accept));
            if (operation.QueryParameters.Count > 0)
                yield return (TokenRole.Owner, $"{url}?{operation.QueryParameters[0].Name}=-1", plausible, Header("Accept", accept));
        }

        if (operation.IsStreamRoute)
        {
            foreach (var lastEventId in new[] { $"{scene.GroupId}:1", ":", "g:99999999999999999999", "a:b", new string('x', 8000) })
                yield return (TokenRole.Owner, url, plausible, Header("Last-Event-ID", lastEventId));
        }
    }

    private void Add(List<FuzzCase> cases, ApiOperation operation, string url, FuzzBody body, bool withAnotherToken)
    {
        cases.Add(new FuzzCase(operation, url, TokenRole.Owner, body));
        if (withAnotherToken)
            cases.Add(new FuzzCase(operation, url, Others[random.Next(Others.Length)], body));
    }

    /// <summary>Query strings: each declared parameter alone with hostile values and repeated, then all together.</summary>
    private IEnumerable<string> Queries(ApiOperation operation)
    {
        var parameters = operation.QueryParameters;
        if (parameters.Count == 0)
            yield break;
        yield return string.Join("&", parameters.Select(p => $"{p.Name}={Plausible(p)}"));
        foreach (var parameter in parameters)
        {
            var numeric = parameter.Kind is ApiKind.Integer or ApiKind.Number;
            foreach (var value in (numeric ? FuzzValues.HostileIntegers : FuzzValues.HostileStrings).Concat(Special(parameter)))
                yield return $"{parameter.Name}={value}";
            yield return $"{parameter.Name}=1&{parameter.Name}=2";
            yield return $"{parameter.Name}=&{parameter.Name}=abc";
            yield return parameter.Name;
        }

        if (parameters.Count > 1)
        {
            foreach (var value in new[] { "-1", "abc", "99999999999999999999", "0" })
                yield return string.Join("&", parameters.Select(p => $"{p.Name}={value}"));
        }
    }

    private string Plausible(ApiField parameter) => parameter.Name switch
    {
        "cursor" => Uri.EscapeDataString(scene.Cursor ?? "x"),
        "since" => Uri.EscapeDataString($"{scene.GroupId ?? "g"}:1"),
        "q" => "fuzz",
        _ => "1",
    };

    /// <summary>Values that only mean something for one parameter: tampered real cursors, replay lists for the live stream, the token in the query.</summary>
    private IEnumerable<string> Special(ApiField parameter)
    {
        if (parameter.Name == "cursor" && scene.Cursor is { Length: > 1 } cursor)
        {
            yield return Uri.EscapeDataString(cursor + "x");
            yield return Uri.EscapeDataString(cursor[..(cursor.Length / 2)]);
            yield return Uri.EscapeDataString(cursor[..^1] + (cursor[^1] == 'A' ? 'B' : 'A'));
            yield return Uri.EscapeDataString(new string(cursor.Reverse().ToArray()));
        }

        if (parameter.Name == "since")
        {
            var group = scene.GroupId ?? "g";
            foreach (var since in new[]
            {
                ":", ":1", "g:-1", "g:1:2", $"{group}:99999999999999999999", $"{group}:-1", $"{group}:0,{group}:1", "a,b,c",
                string.Join(",", Enumerable.Range(0, 1001).Select(i => $"g{i}:1")), new string(',', 3000),
            })
            {
                yield return Uri.EscapeDataString(since);
            }

            yield return "access_token=" + Uri.EscapeDataString(world.Garbage[random.Next(world.Garbage.Count)]);
            yield return "access_token=a&access_token=b";
        }
    }

    /// <summary>Values a route parameter can take that the route accepts; the first is the scene's real one.</summary>
    private IReadOnlyList<string> Alternates(string parameter)
    {
        var seqs = scene.MessageSeqs ?? [1];
        return parameter switch
        {
            "node" => [scene.NodeId ?? FuzzWorld.DefaultNode, FuzzWorld.PeerNode, FuzzWorld.DefaultNode, "fuzz-no-such-node", (scene.NodeId ?? "n").ToUpperInvariant(), "api", "openapi", "a.b"],
            "id" => [scene.GroupId ?? "no-such-group", "no-such-group", "me", (scene.GroupId ?? "g").ToUpperInvariant(), new string('g', 64), new string('g', 65)],
            "user" => [world.MemberName, "me", world.OwnerName, world.MemberName.ToUpperInvariant(), "nobody-here", "fuzz_mеmber", "ab"],
            "hash" => [scene.BlockHash ?? new string('0', 64), scene.GenesisHash ?? new string('1', 64), new string('0', 64), (scene.BlockHash ?? "").ToUpperInvariant(),
                new string('a', 63), new string('a', 65)],
            "tx" => [scene.TransactionId ?? new string('f', 64), new string('f', 64), (scene.TransactionId ?? "").ToUpperInvariant(), new string('0', 64)],
            "address" => [world.WalletAddress, scene.NodeWallet ?? world.WalletAddress, new string('0', 40), world.WalletAddress.ToUpperInvariant(), new string('a', 39)],
            "seq" => [seqs[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), seqs[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
                "0", "1", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1.5", "1e3", "0x1"],
            _ => ["x"],
        };
    }

    /// <summary>The template with each <c>{name}</c> segment replaced in one pass, so a value that looks like a segment stays as it is.</summary>
    private static string Url(ApiOperation operation, IReadOnlyDictionary<string, string> values) =>
        RouteSegment().Replace(operation.Template, m => values[m.Groups[1].Value]);

    [GeneratedRegex(@"\{\**([^}:?=]+)[^}]*\}")]
    private static partial Regex RouteSegment();
}
