using PerfPlatform.Contracts;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

public sealed class MoneyTests
{
    [Fact]
    public void The_seeds_total_rounds_half_away_from_zero_to_290_05_wan()
    {
        long[] budgets = [19_500_000, 43_380_000, 18_000_000, 12_000_000, 20_000_000, 177_165_000];
        var total = budgets.Sum();
        Assert.Equal(290_045_000, total);
        Assert.Equal(290.05m, Money.FenToWan(total));
        Assert.Equal("290.05", Money.FormatWan(total));
        Assert.Equal(177.17m, Money.FenToWan(177_165_000));
        Assert.Equal(0.01m, Money.FenToWan(5000));
        Assert.Equal(-0.01m, Money.FenToWan(-5000));
        Assert.Equal(0.00m, Money.FenToWan(4999));
    }

    [Theory]
    [InlineData("195000.00", 19_500_000)]
    [InlineData("0", 0)]
    [InlineData("1,771,650.00", 177_165_000)]
    [InlineData("0.01", 1)]
    [InlineData("-12.30", -1230)]
    public void Yuan_text_parses_to_exact_fen(string text, long fen)
    {
        Assert.True(Money.TryParseYuan(text, out var parsed));
        Assert.Equal(fen, parsed);
    }

    [Theory]
    [InlineData("19万5千")]
    [InlineData("0.001")]
    [InlineData("")]
    [InlineData("1e5")]
    [InlineData("99999999999999999999999")]
    [InlineData("12345678901234567890123456789")] // 29 digits, a valid decimal whose ×100 overflows: false, not an exception
    [InlineData("-79228162514264337593543950335")]
    [InlineData("92233720368547758.08")]
    public void Non_amounts_do_not_parse(string text) => Assert.False(Money.TryParseYuan(text, out _));

    [Fact]
    public void Sums_beyond_a_long_stay_exact_and_convert()
    {
        long[] amounts = [long.MaxValue, long.MaxValue, 1];
        var sum = Money.Sum(amounts);
        Assert.Equal(18_446_744_073_709_551_615m, sum);
        Assert.Equal(184_467_440_737_095_516.15m, Money.FenToYuan(sum));
        Assert.Equal("184,467,440,737,095,516.15", Money.FormatYuanGrouped(sum));
        Assert.Equal("18446744073709.55", Money.FormatWan(sum));
    }

    [Theory]
    [InlineData(19_500_000, "195000.00", "195,000.00")]
    [InlineData(0, "0.00", "0.00")]
    [InlineData(290_045_000, "2900450.00", "2,900,450.00")]
    public void Formats(long fen, string plain, string grouped)
    {
        Assert.Equal(plain, Money.FormatYuan(fen));
        Assert.Equal(grouped, Money.FormatYuanGrouped(fen));
    }

    [Theory]
    [InlineData("30.00%", 3000)]
    [InlineData("100.00%", 10000)]
    [InlineData("7.5％", 750)]
    [InlineData("60", 6000)]
    public void Percent_text_parses_to_basis_points(string text, int bp)
    {
        Assert.True(BasisPoints.TryParsePercent(text, out var parsed));
        Assert.Equal(bp, parsed);
    }

    [Fact]
    public void Basis_points_format_as_the_seed_writes_percentages()
    {
        Assert.Equal("30.00%", BasisPoints.FormatPercent(3000));
        Assert.Equal("100.00%", BasisPoints.FormatPercent(10000));
        Assert.False(BasisPoints.TryParsePercent("30.005%", out _));
        Assert.False(BasisPoints.TryParsePercent("三成", out _));
        Assert.False(BasisPoints.TryParsePercent("12345678901234567890123456789%", out _));
        Assert.False(BasisPoints.TryParsePercent("21474836.48", out _));
        Assert.True(BasisPoints.TryParsePercent("21474836.47", out var largest));
        Assert.Equal(int.MaxValue, largest);
    }

    [Theory]
    [InlineData(232_545_00, 2_900_450_00, 802)]
    [InlineData(2_248_290_00, 2_900_450_00, 7752)]
    [InlineData(1, 3, 3333)]
    [InlineData(5, 0, 0)]
    public void Ratios_in_basis_points_round_half_away_from_zero(long part, long whole, int bp) =>
        Assert.Equal(bp, BasisPoints.Ratio(part, whole));

    [Theory]
    [InlineData(100_000_000_00, 1_00, int.MaxValue)]
    [InlineData(long.MaxValue, 1, int.MaxValue)]
    [InlineData(-100_000_000_00, 1_00, int.MinValue)]
    [InlineData(30_000_00, 10_000_00, 30_000)]
    public void Ratios_beyond_an_int_are_clamped_not_overflowed(long part, long whole, int bp) =>
        Assert.Equal(bp, BasisPoints.Ratio(part, whole));
}
