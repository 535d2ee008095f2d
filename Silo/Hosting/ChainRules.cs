using System.Globalization;
using Grains.Chain;
using Silo.Hosting.Settings;

namespace Silo.Hosting;

/// <summary>What <see cref="ChainOptions"/>' own annotations cannot say: the initial target must decode.</summary>
public sealed class ChainRules() : SettingsRules<ChainOptions>(ChainOptions.Section)
{
    public const string CompactTargetText = "a compact difficulty target in hex, e.g. 1f00ffff";

    protected override IEnumerable<SettingProblem> Check(ChainOptions options)
    {
        // Text that is not hex at all is already refused by the attribute; here, hex that is no valid target.
        if (ParseBits(options.InitialBits) is { } bits && !CompactTarget.TryDecode(bits, out _))
            yield return SettingProblem.Invalid(Key(nameof(options.InitialBits)), options.InitialBits, CompactTargetText);
    }

    private static uint? ParseBits(string? text)
    {
        var hex = text is not null && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bits) ? bits : null;
    }
}
