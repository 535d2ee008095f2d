using Microsoft.Extensions.Options;

namespace Silo.Hosting.Settings;

/// <summary>
/// Rules a settings class's attributes cannot say: several settings together ("Client mode needs a signing key"),
/// or a value that needs code to check. Register with <see cref="SettingsBuilder{T}.AddRules{TRules}"/>; every
/// problem found is reported with the others at start.
/// </summary>
public abstract class SettingsRules<T>(string section) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var problems = Check(options).Select(p => p.ToString()).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    protected abstract IEnumerable<SettingProblem> Check(T options);

    /// <summary>The configuration key of one of <typeparamref name="T"/>'s properties.</summary>
    protected string Key(string property) =>
        SettingsBinder.KeyOf(typeof(T).GetProperty(property) ?? throw new ArgumentException($"{typeof(T).Name} has no property {property}", nameof(property)), section);
}
