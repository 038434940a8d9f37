using System.Globalization;

namespace PerfPlatform.Contracts;

/// <summary>
/// Exact money: fen (1/100 yuan) as <see cref="long"/> everywhere it is kept (on the wire, in events and entities, bigint
/// in PostgreSQL, Prometheus gauges); yuan and 万元 only where people read them, converted and rounded here and nowhere
/// else. 万元 figures are rounded half away from zero (290.045 → 290.05), never banker's. A sum of many amounts is a
/// decimal count of fen (<see cref="Sum"/>), as a long could overflow; the conversions to yuan and 万元 take one.
/// </summary>
public static class Money
{
    public const long FenPerYuan = 100;

    /// <summary>
    /// The largest amount the platform records, 10^12 yuan, whether a budget, a payment (or, negative, its reversal), a
    /// stated spending or a document's figure: a county budget line stays far below it, and 90,000 such lines still sum
    /// within a bigint of fen.
    /// </summary>
    public const long MaxFen = 100_000_000_000_000;
    public const decimal YuanPerWan = 10000m;

    /// <summary>Amounts in fen summed exactly: LINQ's long Sum throws on overflow for a few very large amounts.</summary>
    public static decimal Sum(IEnumerable<long> fen) => fen.Sum(f => (decimal)f);

    /// <summary>Fen to yuan, exact (two decimals at most), for cells that hold a number, such as XLSX.</summary>
    public static decimal FenToYuan(decimal fen) => fen / FenPerYuan;

    /// <summary>Fen to 万元 with the stated number of decimals, rounded half away from zero.</summary>
    public static decimal FenToWan(decimal fen, int decimals = 2) =>
        Math.Round(fen / FenPerYuan / YuanPerWan, decimals, MidpointRounding.AwayFromZero);

    /// <summary>Parses a yuan amount as filed ("195000.00", "0", "1,771,650.00") into fen.</summary>
    public static bool TryParseYuan(string? text, out long fen)
    {
        fen = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!Hundredths.TryParse(text.Trim().Replace(",", "").Replace("，", ""), long.MaxValue, out var raw)) return false;
        fen = (long)raw;
        return true;
    }

    /// <summary>"195000.00": yuan with exactly two decimals, invariant culture, no grouping.</summary>
    public static string FormatYuan(long fen) => FenToYuan(fen).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"2,900,450.00": yuan with grouping, for tables read by people.</summary>
    public static string FormatYuanGrouped(decimal fen) => FenToYuan(fen).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>"290.05": 万元 with two decimals, half away from zero.</summary>
    public static string FormatWan(decimal fen, int decimals = 2) =>
        FenToWan(fen, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);
}
