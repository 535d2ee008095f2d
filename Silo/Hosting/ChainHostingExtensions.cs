using Grains.Chain;

namespace Silo.Hosting;

public static class ChainHostingExtensions
{
    /// <summary>Binds <c>Chain</c> settings and refuses to start when one is invalid, naming it.</summary>
    public static IServiceCollection AddChainOptions(this IServiceCollection services)
    {
        services.AddOptions<ChainOptions>()
            .BindConfiguration(ChainOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => CompactTarget.TryDecode(ParseBits(o.InitialBits), out _), "Chain:InitialBits must be a valid compact target in hex, e.g. 1f00ffff")
            .ValidateOnStart();
        return services;
    }

    private static uint ParseBits(string? text)
    {
        var hex = text is not null && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return uint.TryParse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var bits) ? bits : 0;
    }
}
