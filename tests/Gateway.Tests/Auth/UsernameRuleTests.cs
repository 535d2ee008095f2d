using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Chain;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Auth;

/// <summary>
/// Usernames are taken in NFKC form and are unique ignoring case and look-alikes across scripts; control
/// characters are refused and the operator's name is reserved.
/// </summary>
public sealed class UsernameRuleTests(FastHashGatewayFactory factory) : IClassFixture<FastHashGatewayFactory>
{
    private const string Password = "correct horse battery";

    private Task<HttpResponseMessage> SignUpAsync(string username) =>
        factory.CreateClient().PostAsJsonAsync("/api/accounts", new { username, password = Password });

    [Fact]
    public async Task A_name_with_a_trailing_newline_is_400_username_invalid()
    {
        var name = "secowner" + HardeningNames.Suffix();

        await (await SignUpAsync(name + "\n")).ProblemAsync(HttpStatusCode.BadRequest, "username_invalid");
        await (await SignUpAsync(name + "\r\n")).ProblemAsync(HttpStatusCode.BadRequest, "username_invalid");
        await (await SignUpAsync("\n" + name)).ProblemAsync(HttpStatusCode.BadRequest, "username_invalid");

        // The name itself is fine: only the control character made it invalid.
        await (await SignUpAsync(name)).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_full_width_and_upper_case_forms_of_a_taken_name_are_409_username_taken()
    {
        var name = "secowner" + HardeningNames.Suffix();
        await (await SignUpAsync(name)).JsonAsync(HttpStatusCode.Created);

        await (await SignUpAsync(HardeningNames.FullWidth(name))).ProblemAsync(HttpStatusCode.Conflict, "username_taken");
        await (await SignUpAsync(name.ToUpperInvariant())).ProblemAsync(HttpStatusCode.Conflict, "username_taken");
        await (await SignUpAsync(HardeningNames.FullWidth(name.ToUpperInvariant()))).ProblemAsync(HttpStatusCode.Conflict, "username_taken");
    }

    [Fact]
    public async Task Signing_in_with_the_full_width_form_signs_into_the_same_account()
    {
        var name = "secowner" + HardeningNames.Suffix();
        var created = await (await SignUpAsync(name)).JsonAsync(HttpStatusCode.Created);
        var userId = created.GetProperty("user_id").GetString();

        var token = await (await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = HardeningNames.FullWidth(name), password = Password }))
            .JsonAsync(HttpStatusCode.OK);

        var claims = Claims(token.GetProperty("access_token").GetString()!);
        Assert.Equal(userId, claims.GetProperty("sub").GetString());
        Assert.Equal(name, claims.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_Cyrillic_look_alike_of_a_taken_Latin_name_is_409_username_confusable()
    {
        var suffix = HardeningNames.Suffix();
        await (await SignUpAsync("paypal" + suffix)).JsonAsync(HttpStatusCode.Created);

        // р, а, у are Cyrillic (U+0440, U+0430, U+0443); the l is Latin.
        const string cyrillicPaypal = "\u0440\u0430\u0443\u0440\u0430l";
        await (await SignUpAsync(cyrillicPaypal + suffix)).ProblemAsync(HttpStatusCode.Conflict, "username_confusable");
    }

    [Fact]
    public async Task A_Latin_look_alike_of_a_taken_Cyrillic_name_is_409_username_confusable()
    {
        var suffix = HardeningNames.Suffix();
        await (await SignUpAsync("\u0440\u0430\u0443\u0440\u0430l" + suffix)).JsonAsync(HttpStatusCode.Created);

        await (await SignUpAsync("paypal" + suffix)).ProblemAsync(HttpStatusCode.Conflict, "username_confusable");
    }

    [Fact]
    public async Task The_operator_name_is_409_username_reserved_in_any_case_or_width()
    {
        await (await SignUpAsync("operator")).ProblemAsync(HttpStatusCode.Conflict, "username_reserved");
        await (await SignUpAsync("Operator")).ProblemAsync(HttpStatusCode.Conflict, "username_reserved");
        await (await SignUpAsync(HardeningNames.FullWidth("operator"))).ProblemAsync(HttpStatusCode.Conflict, "username_reserved");
    }

    /// <summary>The payload of a JWT (not verified: the server issued it).</summary>
    private static JsonElement Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.Clone();
    }
}
