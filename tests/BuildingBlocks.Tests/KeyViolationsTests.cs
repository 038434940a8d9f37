using PerfPlatform.ServiceDefaults.Errors;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

public sealed class KeyViolationsTests
{
    private static IReadOnlyList<string> Fields(Violations v) => [.. v.Items.Select(i => i.Field)];

    [Fact]
    public void Well_formed_keys_and_years_pass()
    {
        var v = new Violations().DivisionCode("130636").DepartmentCode("434").UnitCode("434001").ProjectCode("13063621B000000000001")
            .Year(2000).Year(2099);
        Assert.False(v.Any);
    }

    [Fact]
    public void Each_bad_key_is_named_by_its_default_field_or_the_one_given()
    {
        var v = new Violations().DivisionCode("13063").DepartmentCode("43").UnitCode("43400A", "code").ProjectCode("13063621b000000000001")
            .Year(2100).Year(1999, "project.year");
        Assert.Equal(["division_code", "department_code", "code", "project_code", "year", "project.year"], Fields(v));
        Assert.Equal("行政区划代码应为 6 位数字（如 130636）。", v.Items[0].Description);
        Assert.Equal("预算年度应为 2000 至 2099 之间的年份。", v.Items[4].Description);
    }

    [Fact]
    public void An_optional_key_may_be_empty_but_not_malformed()
    {
        Assert.False(new Violations().DivisionCode("", optional: true).UnitCode("", optional: true).Year(0, optional: true).Any);
        Assert.True(new Violations().DivisionCode("", optional: false).Any);
        Assert.True(new Violations().Year(0).Any);
        Assert.Equal(["division_code", "year"], Fields(new Violations().DivisionCode(" ", optional: true).Year(20, optional: true)));
    }

    [Fact]
    public void A_bad_project_code_is_quoted_bounded()
    {
        var v = new Violations().ProjectCode(new string('x', 20_000));
        Assert.True(v.Items[0].Description.Length < 300);
    }
}
