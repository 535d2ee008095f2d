using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Silo.Hosting.Settings;

/// <summary>
/// Binds a settings class property by property. The framework's binder stops at the first value it cannot convert
/// (and says so with the CLR type's name); this one keeps the default for that property, records a problem naming
/// the setting and what it allows, and goes on, so one start-up refusal can list every bad setting.
/// </summary>
internal static class SettingsBinder
{
    public static List<SettingProblem> Bind(object target, IConfiguration configuration, string section)
    {
        var problems = new List<SettingProblem>();
        foreach (var property in Properties(target.GetType()))
        {
            var key = KeyOf(property, section);
            var raw = configuration[key];
            if (raw is null)
                continue;
            if (TryConvert(raw, property.PropertyType, out var value))
                property.SetValue(target, value);
            else
                problems.Add(SettingProblem.Invalid(key, raw, AllowedFor(property)));
        }

        return problems;
    }

    /// <summary>The bindable properties: public, instance, with a public setter.</summary>
    public static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    /// <summary>The configuration key of a property: <c>Section:Name</c>, or its <see cref="SettingPathAttribute"/>.</summary>
    public static string KeyOf(PropertyInfo property, string section) =>
        property.GetCustomAttribute<SettingPathAttribute>()?.Path
        ?? (section.Length == 0 ? property.Name : $"{section}:{property.Name}");

    /// <summary>What a property accepts, in words: enum names, true/false, a whole number in its range, ….</summary>
    public static string AllowedFor(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsEnum)
            return string.Join(", ", Enum.GetNames(type));
        if (type == typeof(bool))
            return "true, false";
        var range = property.GetCustomAttribute<RangeAttribute>();
        var kind = type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong)
            ? "a whole number"
            : type == typeof(double) || type == typeof(decimal) || type == typeof(float) ? "a number" : $"a {type.Name} value";
        return range is null ? kind : $"{kind} {RangeText(range)}";
    }

    private static string RangeText(RangeAttribute range)
    {
        var minimum = Convert.ToString(range.Minimum, CultureInfo.InvariantCulture);
        // A bound of int.MaxValue or more (long.MaxValue / 4 coins' units) means "no upper bound" to a reader.
        return Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture) >= int.MaxValue
            ? $"of at least {minimum}"
            : $"from {minimum} to {Convert.ToString(range.Maximum, CultureInfo.InvariantCulture)}";
    }

    private static bool TryConvert(string raw, Type propertyType, out object? value)
    {
        var type = Nullable.GetUnderlyingType(propertyType);
        if (type is not null && string.IsNullOrWhiteSpace(raw))
        {
            // An empty environment variable for an optional setting means "not set".
            value = null;
            return true;
        }

        type ??= propertyType;
        if (type == typeof(string))
        {
            value = raw;
            return true;
        }

        if (type.IsEnum)
        {
            // Names only: the framework's converter also takes numbers and comma lists ("0", "Localhost,AdoNet").
            var name = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, raw.Trim(), StringComparison.OrdinalIgnoreCase));
            value = name is null ? null : Enum.Parse(type, name);
            return name is not null;
        }

        try
        {
            value = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(raw.Trim());
            return value is not null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            value = null;
            return false;
        }
    }
}
