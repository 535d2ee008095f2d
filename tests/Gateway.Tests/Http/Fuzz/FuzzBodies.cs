using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// Request bodies for one operation: generic junk, every field of the schema set to the wrong type or to an extreme,
/// and bodies built from the schema with plausible values (the scene's real ids, the wallet's signed transfer) and
/// with boundary values, whole or one field at a time.
/// </summary>
public sealed class FuzzBodies(FuzzWorld world, FuzzScene scene, Random random)
{
    private const string ControlChars = "\"\\u0000\\u0007\\n\\t\\u001b\\u001f\\u007f\"";

    /// <summary>Bodies sent to routes that declare none (they must ignore or refuse them).</summary>
    public static IReadOnlyList<FuzzBody> Stray { get; } =
    [
        FuzzBody.Text("empty", ""),
        FuzzBody.Text("null", "null"),
        FuzzBody.Text("{}", "{}"),
        FuzzBody.Text("malformed", "{\"a\": "),
        FuzzBody.Text("nested 200", RawJson.Nested(200)),
        FuzzBody.Text("lone surrogate", "{\"a\": \"\\ud800\"}"),
        FuzzBody.Text("text/plain", "hello", "text/plain"),
        FuzzBody.Text("over 64 KiB", "{\"a\": \"" + new string('a', 70_000) + "\"}"),
    ];

    public FuzzBody Plausible(ApiOperation operation) => Json("plausible", PlausibleObject(operation, operation.BodyFields!));

    /// <summary>Whole bodies: junk, wrong content types, every field wrong, and schema-built boundaries.</summary>
    public IEnumerable<FuzzBody> Whole(ApiOperation operation)
    {
        var fields = operation.BodyFields!;
        var plausible = PlausibleObject(operation, fields);
        var first = fields.Count > 0 ? fields[0].Name : "a";
        var firstString = fields.FirstOrDefault(f => f.Kind == ApiKind.String)?.Name ?? first;

        yield return FuzzBody.None;
        yield return FuzzBody.Text("empty", "");
        yield return FuzzBody.Text("null", "null");
        yield return FuzzBody.Text("[]", "[]");
        yield return FuzzBody.Text("{}", "{}");
        yield return FuzzBody.Text("malformed", "{\"" + first + "\": ");
        yield return FuzzBody.Text("not JSON", "hello");
        yield return FuzzBody.Text("a string", "\"text\"");
        yield return FuzzBody.Text("a number", "42");
        yield return FuzzBody.Text("true", "true");
        yield return FuzzBody.Text("nested 200", RawJson.Nested(200));
        yield return Json("field nested 200", RawJson.Object([(first, RawJson.Nested(200))]));
        yield return Json("duplicate keys", plausible[..^1] + "," + string.Join(",", fields.Select(f => RawJson.String(f.Name) + ":" + WrongType(f))) + "}");
        yield return FuzzBody.Text("text/plain", plausible, "text/plain");
        yield return FuzzBody.Text("no content type", plausible, null);
        yield return FuzzBody.Text("form", "a=b&c=d", "application/x-www-form-urlencoded");
        yield return FuzzBody.Text("charset utf-16", plausible, "application/json; charset=utf-16");
        yield return Json("over 64 KiB", RawJson.Object([(firstString, RawJson.String(new string('a', 70_000)))]));
        yield return new FuzzBody("BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(plausible)], FuzzBody.Json);
        yield return new FuzzBody("invalid UTF-8", [.. Encoding.UTF8.GetBytes("{\"" + firstString + "\": \"a"), 0xFF, 0xFE, 0xC0, 0xAE, .. "\"}"u8.ToArray()], FuzzBody.Json);

        yield return Json("all wrong types", RawJson.Object(fields.Select(f => (f.Name, WrongType(f)))));
        foreach (var (label, raw) in new[]
        {
            ("all true", "true"), ("all arrays", "[1,\"a\",null]"), ("all objects", "{\"a\":1}"), ("all 1e400", "1e400"),
            ("all 99999999999999999999999", "99999999999999999999999"), ("all -1", "-1"), ("all control chars", ControlChars),
            ("all lone surrogate", "\"\\ud800\""), ("all lone low surrogate", "\"a\\udc00b\""),
        })
        {
            yield return Json(label, RawJson.Object(fields.Select(f => (f.Name, raw))));
        }

        yield return Json("plausible", plausible);
        foreach (var extra in PlausibleExtras(operation))
            yield return extra;
        yield return Json("minimum", RawJson.Object(fields.Select(f => (f.Name, Minimum(f)))));
        yield return Json("maximum", RawJson.Object(fields.Select(f => (f.Name, Maximum(operation, f)))));
        yield return Json("negative", RawJson.Object(fields.Select(f => (f.Name, Negative(operation, f)))));
        yield return Json("unicode", RawJson.Object(fields.Select(f => (f.Name, Unicode(operation, f)))));
    }

    /// <summary>The plausible body with one field (or one field of a nested object) changed, so the rest still gets the request deep.</summary>
    public IEnumerable<FuzzBody> OneFieldAtATime(ApiOperation operation)
    {
        var fields = operation.BodyFields!;
        foreach (var field in fields)
        {
            foreach (var (label, raw) in Variants(operation, field))
                yield return Json($"{field.Name}: {label}", RawJson.Object(fields.Select(f => (f.Name, f == field ? raw : PlausibleValue(operation, f)))));
            if (field is { Kind: ApiKind.Object, Fields: { Count: > 0 } inner })
            {
                foreach (var sub in inner)
                {
                    foreach (var (label, raw) in Variants(operation, sub))
                    {
                        var nested = RawJson.Object(inner.Select(f => (f.Name, f == sub ? raw : PlausibleValue(operation, f))));
                        yield return Json($"{field.Name}.{sub.Name}: {label}", RawJson.Object(fields.Select(f => (f.Name, f == field ? nested : PlausibleValue(operation, f)))));
                    }
                }
            }
        }
    }

    private IEnumerable<(string Label, string Raw)> Variants(ApiOperation operation, ApiField field)
    {
        yield return ("null", "null");
        yield return ("wrong type", WrongType(field));
        yield return ("maximum", Maximum(operation, field));
        yield return ("negative", Negative(operation, field));
        yield return ("hostile", Hostile(field));
        if (field.Kind == ApiKind.String)
        {
            for (var i = 0; i < 2; i++)
                yield return ("tricky", RawJson.String(FuzzValues.TrickyStrings[random.Next(FuzzValues.TrickyStrings.Count)]));
        }
    }

    private static FuzzBody Json(string label, string raw) => FuzzBody.Text(label, raw);

    private string PlausibleObject(ApiOperation operation, IReadOnlyList<ApiField> fields) =>
        RawJson.Object(fields.Select(f => (f.Name, PlausibleValue(operation, f))));

    /// <summary>Other plausible bodies an operation has: a chat command, a link, a contact; an unsigned tutorial transfer from the node itself.</summary>
    private IEnumerable<FuzzBody> PlausibleExtras(ApiOperation operation)
    {
        if (operation.Template.EndsWith("/messages", StringComparison.Ordinal))
        {
            yield return Json("plausible /HELP", RawJson.Object([("client_id", RawJson.String(ClientId())), ("type", "\"text\""), ("text", "\"/HELP\"")]));
            yield return Json("plausible /INFO", RawJson.Object([("client_id", RawJson.String(ClientId())), ("type", "\"text\""), ("text", "\"/INFO\"")]));
            yield return Json("plausible link", RawJson.Object([("client_id", RawJson.String(ClientId())), ("type", "\"link\""), ("url", "\"https://example.com/a?b=c\"")]));
            yield return Json("plausible contact", RawJson.Object([("client_id", RawJson.String(ClientId())), ("type", "\"contact\""), ("contact", "\"+1 555 0100\"")]));
        }

        if (operation.Template.EndsWith("/transactions/new", StringComparison.Ordinal))
        {
            var node = scene.NodeId ?? FuzzWorld.DefaultNode;
            yield return Json("plausible unsigned", RawJson.Object([("sender", RawJson.String(node)), ("recipient", RawJson.String(world.WalletAddress)), ("amount", "0.5")]));
            yield return Json("plausible to a node", RawJson.Object([("sender", RawJson.String(node)), ("recipient", RawJson.String(FuzzWorld.PeerNode)), ("amount", "1")]));
        }
    }

    /// <summary>A value the route would accept, from the scene and the wallet where the field names one.</summary>
    private string PlausibleValue(ApiOperation operation, ApiField field)
    {
        var transfer = world.SignedTransfer;
        string Transfer(string name) => transfer.GetProperty(name).GetRawText();
        return field.Name switch
        {
            "client_id" => RawJson.String(ClientId()),
            "type" => "\"text\"",
            "text" => "\"hello from the fuzzer\"",
            "url" => "\"https://example.com/\"",
            "contact" => "\"fuzz@example.com\"",
            "name" => "\"fuzz group\"",
            "description" => "\"made by the fuzzer\"",
            "welcome_text" => "\"welcome\"",
            "shard_count" => "4",
            "username" when operation.Template.EndsWith("/accounts", StringComparison.Ordinal) => RawJson.String("fz" + ClientId()[..12]),
            "username" => RawJson.String(world.OwnerName),
            "password" => RawJson.String(FuzzWorld.Password),
            "seq" => RawJson.Number(scene.MessageSeqs?[^1] ?? 1),
            "allowed_types" => "[\"text\",\"link\",\"contact\"]",
            "mute_all" or "link_filter" or "enabled" => "false",
            "max_message_bytes" => "4000",
            "messages" or "period_seconds" => "10",
            "burst" => "5",
            "miner_address" or "reward_address" => RawJson.String(world.WalletAddress),
            "min_fee" => "0",
            "peers" or "nodes" => RawJson.Array([RawJson.String(FuzzWorld.PeerNode)]),
            "private_key" => RawJson.String(world.WalletPrivateKey),
            "chain_id" => Transfer("chain_id"),
            "from" or "sender" => Transfer("from"),
            "to" or "recipient" => Transfer("to"),
            "amount" when field.Kind == ApiKind.Number => "0.00000001",
            "amount" => Transfer("amount"),
            "fee" => field.Kind == ApiKind.Number ? "0" : Transfer("fee"),
            "nonce" => Transfer("nonce"),
            "public_key" => Transfer("public_key"),
            "signature" => Transfer("signature"),
            _ => field.Kind switch
            {
                ApiKind.Integer or ApiKind.Number => "1",
                ApiKind.Boolean => "false",
                ApiKind.Array => RawJson.Array([PlausibleValue(operation, field.Items ?? new ApiField("item", ApiKind.String))]),
                ApiKind.Object => PlausibleObject(operation, field.Fields ?? []),
                _ => "\"fuzz\"",
            },
        };
    }

    private static string WrongType(ApiField field) => field.Kind switch
    {
        ApiKind.String => "123",
        ApiKind.Integer or ApiKind.Number => "\"123\"",
        ApiKind.Boolean => "\"true\"",
        ApiKind.Array => "\"a\"",
        _ => "\"a\"",
    };

    private static string Minimum(ApiField field) => field.Kind switch
    {
        ApiKind.String => "\"\"",
        ApiKind.Integer or ApiKind.Number => "0",
        ApiKind.Boolean => "false",
        ApiKind.Array => "[]",
        _ => RawJson.Object((field.Fields ?? []).Select(f => (f.Name, Minimum(f)))),
    };

    private string Maximum(ApiOperation operation, ApiField field) => field.Kind switch
    {
        ApiKind.String => RawJson.String(new string('x', 2000)),
        ApiKind.Integer => field.IsInt64 ? RawJson.Number(long.MaxValue) : RawJson.Number(int.MaxValue),
        ApiKind.Number => decimal.MaxValue.ToString(CultureInfo.InvariantCulture),
        ApiKind.Boolean => "true",
        ApiKind.Array => RawJson.Array(Enumerable.Repeat(PlausibleValue(operation, field.Items ?? new ApiField("item", ApiKind.String)), 500)),
        _ => RawJson.Object((field.Fields ?? []).Select(f => (f.Name, Maximum(operation, f)))),
    };

    private string Negative(ApiOperation operation, ApiField field) => field.Kind switch
    {
        ApiKind.String => "\" \"",
        ApiKind.Integer => field.IsInt64 ? RawJson.Number(long.MinValue) : RawJson.Number(int.MinValue),
        ApiKind.Number => "-0.00000001",
        ApiKind.Boolean => "true",
        ApiKind.Array => RawJson.Array(["\"\"", "null", PlausibleValue(operation, field.Items ?? new ApiField("item", ApiKind.String))]),
        _ => RawJson.Object((field.Fields ?? []).Select(f => (f.Name, Negative(operation, f)))),
    };

    private string Unicode(ApiOperation operation, ApiField field) => field.Kind switch
    {
        ApiKind.String => RawJson.String("ＦＵＺＺ\u200d\u202eПривет 😀 e\u0301 \ufeff"),
        ApiKind.Integer => "1.0",
        ApiKind.Number => "0.123456789",
        ApiKind.Boolean => "false",
        ApiKind.Array => RawJson.Array([RawJson.String("ТЕКСТ"), RawJson.String("ｔｅｘｔ")]),
        _ => RawJson.Object((field.Fields ?? []).Select(f => (f.Name, Unicode(operation, f)))),
    };

    private static string Hostile(ApiField field) => field.Kind switch
    {
        ApiKind.String => "\"\\u0000\\ud800\\n\"",
        ApiKind.Integer or ApiKind.Number => "1e400",
        ApiKind.Boolean => "1",
        ApiKind.Array => RawJson.Nested(200),
        _ => "{\"x\":1e400}",
    };

    private string ClientId() => random.Next().ToString("x8", CultureInfo.InvariantCulture) + random.Next().ToString("x8", CultureInfo.InvariantCulture);
}
