using System.Globalization;

namespace PerfPlatform.Contracts;

/// <summary>Percentages as basis points (10000 = 100%), never floating point.</summary>
public static class BasisPoints
{
    public const int Full = 10000;

    /// <summary>
    /// part ÷ whole in basis points, rounded half away from zero; 0 when whole is 0. A ratio beyond what an int holds (a
    /// budget cut to one yuan after millions were spent) is clamped to int.MaxValue or int.MinValue instead of overflowing.
    /// </summary>
    public static int Ratio(long part, long whole) =>
        whole == 0 ? 0 : (int)Math.Clamp(Math.Round(part * 10000m / whole, 0, MidpointRounding.AwayFromZero), int.MinValue, int.MaxValue);

    /// <summary>"30.00%" → 3000; accepts "30%", "30.5％", "30"; false for anything else or more than 2 decimals.</summary>
    public static bool TryParsePercent(string? text, out int bp)
    {
        bp = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!Hundredths.TryParse(text.Trim().TrimEnd('%', '％').Trim(), int.MaxValue, out var raw)) return false;
        bp = (int)raw;
        return true;
    }

    /// <summary>3000 → "30.00%".</summary>
    public static string FormatPercent(int bp) => (bp / 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
