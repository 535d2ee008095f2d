using System.Text;
using Silo.Hosting.Settings;

namespace Gateway.Auth;

/// <summary>A configured signing key must be long enough for HMAC-SHA256 (whether one is required: <see cref="Hosting.GatewayRules"/>).</summary>
public sealed class AuthRules() : SettingsRules<AuthOptions>(AuthOptions.Section)
{
    protected override IEnumerable<SettingProblem> Check(AuthOptions options)
    {
        if (!string.IsNullOrEmpty(options.SigningKey) && Encoding.UTF8.GetByteCount(options.SigningKey) is var bytes and < AuthOptions.MinKeyBytes)
            yield return new SettingProblem(Key(nameof(options.SigningKey)), $"is {bytes} bytes", $"allowed: at least {AuthOptions.MinKeyBytes} bytes of UTF-8");
    }
}
