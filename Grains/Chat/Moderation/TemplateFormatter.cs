using System.Globalization;
using System.Text;
using Grains.Interfaces.Chat;

namespace Grains.Chat.Moderation;

/// <summary>
/// Fills <c>{name}</c> placeholders in a system-message template. <c>{{</c> and <c>}}</c> are literal braces;
/// a placeholder with no value is left as written, so a typo shows instead of vanishing.
/// </summary>
public static class TemplateFormatter
{
    public static IReadOnlyList<string> KnownPlaceholders { get; } = ["user", "group", "count", "retry_after"];

    public static string Format(string template, IReadOnlyDictionary<string, string> values)
    {
        var output = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                output.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                output.Append('}');
                i++;
            }
            else if (c == '{' && template.IndexOf('}', i + 1) is var close and > 0)
            {
                var name = template.Substring(i + 1, close - i - 1);
                if (values.TryGetValue(name, out var value))
                {
                    output.Append(value);
                    i = close;
                }
                else
                {
                    output.Append(c);
                }
            }
            else
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }

    /// <summary>
    /// Fills one of a group's templates: <c>{group}</c> is the group's name; <c>{user}</c>, <c>{count}</c> and
    /// <c>{retry_after}</c> (whole seconds) are filled when given and otherwise left as written.
    /// </summary>
    public static string ForGroup(GroupSettings settings, string template, string? user, long? count = null, int? retryAfterSeconds = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["group"] = settings.Name };
        if (user is not null)
            values["user"] = user;
        if (count is { } n)
            values["count"] = n.ToString(CultureInfo.InvariantCulture);
        if (retryAfterSeconds is { } s)
            values["retry_after"] = s.ToString(CultureInfo.InvariantCulture);
        return Format(template, values);
    }

    /// <summary>Placeholders in <paramref name="template"/> that <see cref="Format"/> would not fill.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string template)
    {
        var unknown = new List<string>();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
                continue;
            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                i++;
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
                break;
            var name = template.Substring(i + 1, close - i - 1);
            if (!KnownPlaceholders.Contains(name, StringComparer.Ordinal))
                unknown.Add(name);
            i = close;
        }

        return unknown;
    }
}
