using PerfPlatform.Web.Display;
using Xunit;

namespace PerfPlatform.Web.Tests;

/// <summary>A project's goals are listed numbered once: the seed's goals carry their own numbers ("1.2021年完成支出").</summary>
public sealed class GoalNumberTests
{
    [Theory]
    [InlineData(0, "1.2021年完成支出", "1.2021年完成支出")]
    [InlineData(1, "2、保障机关正常运转", "2、保障机关正常运转")]
    [InlineData(9, "10．提高服务水平", "10．提高服务水平")]
    [InlineData(0, "2021年完成支出", "1. 2021年完成支出")]
    [InlineData(2, "保障机关正常运转", "3. 保障机关正常运转")]
    [InlineData(0, "5", "1. 5")]
    public void A_goal_is_numbered_unless_it_carries_its_number(int index, string goal, string shown) =>
        Assert.Equal(shown, Show.Goal(index, goal));
}
