using PerfPlatform.Contracts;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

public sealed class CodesTests
{
    [Fact]
    public void The_seed_s_codes_are_well_formed()
    {
        Assert.True(Codes.IsDivision("130636"));
        Assert.True(Codes.IsDepartment("434"));
        Assert.True(Codes.IsUnit("434001"));
        Assert.True(Codes.IsProject("13063621GNTKS9WIPUKRG"));
    }

    [Theory]
    [InlineData("130636\n", "434\n", "434001\n", "13063621GNTKS9WIPUKRG\n")] // a regex "$" would let the newline through
    [InlineData("13063", "43", "43400", "13063621GNTKS9WIPUKR")]
    [InlineData("1306366", "4344", "4340011", "13063621GNTKS9WIPUKRGX")]
    [InlineData("13063a", "43a", "43400a", "13063621gntks9wipukrg")]
    [InlineData("١٣٠٦٣٦", "٤٣٤", "٤٣٤٠٠١", "١٣٠٦٣٦٢١GNTKS9WIPUKRG")]
    public void Anything_else_is_refused(string division, string department, string unit, string project)
    {
        Assert.False(Codes.IsDivision(division));
        Assert.False(Codes.IsDepartment(department));
        Assert.False(Codes.IsUnit(unit));
        Assert.False(Codes.IsProject(project));
    }
}
