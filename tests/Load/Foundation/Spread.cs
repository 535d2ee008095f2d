using System.Globalization;

namespace Load.Foundation;

/// <summary>How every benchmark reports repeated runs: the median, then the lowest and highest run.</summary>
internal static class Spread
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary><c>median (min–max)</c> in the given number format.</summary>
    public static string Describe(IEnumerable<double> values, string format)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return "no runs";
        return $"{Median(sorted).ToString(format, CultureInfo.InvariantCulture)} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)})";
    }

    /// <summary>One line of a "median of N runs (min–max)" table.</summary>
    public static void Print(string name, IEnumerable<double> values, string format, int nameWidth = 42) =>
        Console.WriteLine($"  {name.PadRight(nameWidth)} {Describe(values, format)}");
}
