using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Silo.Hosting.Settings;

/// <summary>
/// The checks every settings class gets: values that could not be bound, then the data annotations of the rest,
/// each reported as a <see cref="SettingProblem"/> line (the framework's own data-annotation messages name neither
/// the section nor the environment variable).
/// </summary>
internal sealed class SettingsValidator<T>(SettingsRegistration<T> registration) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var problems = new List<SettingProblem>(registration.BindingProblems);
        var unbound = problems.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var property in SettingsBinder.Properties(typeof(T)))
        {
            var key = SettingsBinder.KeyOf(property, registration.Section);
            if (!unbound.Contains(key) && Check(options, property, key) is { } problem)
                problems.Add(problem);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }

    private SettingProblem? Check(T options, PropertyInfo property, string key)
    {
        var value = property.GetValue(options);
        var context = new ValidationContext(options) { MemberName = property.Name };
        foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
        {
            if (attribute.GetValidationResult(value, context) is null)
                continue;
            var allowed = registration.Descriptions.GetValueOrDefault(property.Name) ?? Describe(attribute, property);
            if (property.GetCustomAttribute<SecretSettingAttribute>() is not null)
                return new SettingProblem(key, value is null ? "is not set" : "is set (value not shown)", "allowed: " + allowed);
            return SettingProblem.Invalid(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), allowed);
        }

        return null;
    }

    private static string Describe(ValidationAttribute attribute, PropertyInfo property) => attribute switch
    {
        RangeAttribute => SettingsBinder.AllowedFor(property),
        RequiredAttribute => "any non-empty text",
        RegularExpressionAttribute regex => $"text matching {regex.Pattern}",
        _ => attribute.FormatErrorMessage(property.Name),
    };
}
