using System.Globalization;

namespace PerfPlatform.Contracts;

/// <summary>
/// Exact money: fen (1/100 yuan) as <see cref="long"/> on the wire, yuan as <see cref="decimal"/> in code and
/// numeric(18,2) in PostgreSQL. 万元 figures are rounded half away from zero (290.045 → 290.05), never banker's.
/// </summary>
public static class Money
{
    public const long FenPerYuan = 100;
    public const decimal YuanPerWan = 10000m;

    public static decimal FenToYuan(long fen) => fen / 100m;

    /// <summary>Yuan to fen; throws when the amount has more than two decimals (not a whole fen).</summary>
    public static long YuanToFen(decimal yuan)
    {
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
            throw new ArgumentException($"金额 {yuan} 不是整分（最多两位小数）。", nameof(yuan));
        return (long)fen;
    }

    /// <summary>Fen to 万元 with the stated number of decimals, rounded half away from zero.</summary>
    public static decimal FenToWan(long fen, int decimals = 2) =>
        Math.Round(fen / 100m / YuanPerWan, decimals, MidpointRounding.AwayFromZero);

    /// <summary>Parses a yuan amount as filed ("195000.00", "0", "1,771,650.00") into fen.</summary>
    public static bool TryParseYuan(string? text, out long fen)
    {
        fen = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var cleaned = text.Trim().Replace(",", "").Replace("，", "");
        if (!decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var yuan)) return false;
        // Range first: a 29-digit amount is a valid decimal, but ×100 would overflow it and throw.
        if (Math.Abs(yuan) > long.MaxValue / 100m) return false;
        var raw = yuan * 100m;
        if (raw != decimal.Truncate(raw)) return false;
        fen = (long)raw;
        return true;
    }

    /// <summary>"195000.00": yuan with exactly two decimals, invariant culture, no grouping.</summary>
    public static string FormatYuan(long fen) => FenToYuan(fen).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"2,900,450.00": yuan with grouping, for tables read by people.</summary>
    public static string FormatYuanGrouped(long fen) => FenToYuan(fen).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>"290.05": 万元 with two decimals, half away from zero.</summary>
    public static string FormatWan(long fen, int decimals = 2) =>
        FenToWan(fen, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);
}
