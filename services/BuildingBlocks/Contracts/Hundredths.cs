using System.Globalization;

namespace PerfPlatform.Contracts;

/// <summary>
/// A decimal number as written (sign and point allowed, nothing else) with at most two decimals, as a whole count of
/// hundredths: yuan into fen (<see cref="Money"/>), percent into basis points (<see cref="BasisPoints"/>).
/// </summary>
internal static class Hundredths
{
    /// <summary>False for anything else, more than two decimals, or more hundredths than <paramref name="max"/>.</summary>
    public static bool TryParse(string text, decimal max, out decimal hundredths)
    {
        hundredths = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value)) return false;
        // Range first: a 29-digit number is a valid decimal, but ×100 would overflow it and throw.
        if (Math.Abs(value) > max / 100m) return false;
        var raw = value * 100m;
        if (raw != decimal.Truncate(raw)) return false;
        hundredths = raw;
        return true;
    }
}
