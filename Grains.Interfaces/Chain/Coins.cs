using System.Globalization;

namespace Grains.Interfaces.Chain;

/// <summary>Units shown as coins (1 coin = 100,000,000 units) in a decimal string, never a float.</summary>
public static class Coins
{
    public const long UnitsPerCoin = 100_000_000;

    /// <summary>Digits after the point: <see cref="UnitsPerCoin"/> = 10^Decimals.</summary>
    public const int Decimals = 8;

    /// <summary>A JSON number of coins as the tutorial prints it (12.5): exact, never a float.</summary>
    public static decimal ToCoins(long units) => units / (decimal)UnitsPerCoin;

    /// <summary>Units of a coin amount, or null when it has more than 8 decimals or does not fit.</summary>
    public static long? ToUnits(decimal coins)
    {
        if (coins > long.MaxValue / (decimal)UnitsPerCoin || coins < long.MinValue / (decimal)UnitsPerCoin)
            return null;
        var units = coins * UnitsPerCoin;
        return decimal.Truncate(units) == units ? (long)units : null;
    }

    public static string Format(long units)
    {
        var sign = units < 0 ? "-" : string.Empty;
        var magnitude = units == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(units);
        var whole = magnitude / UnitsPerCoin;
        var fraction = (magnitude % UnitsPerCoin).ToString("D8", CultureInfo.InvariantCulture).TrimEnd('0');
        return fraction.Length == 0 ? $"{sign}{whole}" : $"{sign}{whole}.{fraction}";
    }
}
