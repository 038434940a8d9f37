using PerfPlatform.Documents.Model;
using Xunit;

namespace PerfPlatform.Documents.Tests;

public sealed class DivisionNameTests
{
    [Theory]
    [InlineData("顺平县人民政府办公室（本级）", "顺平县")]
    [InlineData("顺平县金融服务中心", "顺平县")]
    [InlineData("  定州市财政局 ", "定州市")]
    [InlineData("莲池区教育局", "莲池区")]
    [InlineData("阿巴嘎旗农牧局", "阿巴嘎旗")]
    public void The_county_is_read_off_the_unit_name(string unit, string county) =>
        Assert.Equal(county, DivisionName.FromUnitName(unit));

    [Theory]
    [InlineData("")]
    [InlineData("人民政府办公室")]
    [InlineData("县委办公室")]
    [InlineData("Office 434001")]
    public void A_name_without_a_county_gives_none(string unit) => Assert.Null(DivisionName.FromUnitName(unit));
}
