using Grains.Interfaces.Accounts;
using Silo.Hosting.Settings;

namespace Gateway.Auth;

/// <summary>The operator's name must be one a user could have; a password, when set, as long as any user's.</summary>
public sealed class OperatorRules() : SettingsRules<OperatorOptions>(OperatorOptions.Section)
{
    protected override IEnumerable<SettingProblem> Check(OperatorOptions options)
    {
        if (!AccountNames.IsValidUsername(options.Username))
            yield return SettingProblem.Invalid(Key(nameof(options.Username)), options.Username, AccountNames.Rule);
        if (options.Password is { Length: > 0 and < AccountNames.MinPasswordLength })
            yield return new SettingProblem(Key(nameof(options.Password)), $"is {options.Password.Length} characters",
                $"allowed: at least {AccountNames.MinPasswordLength} characters");
    }
}
