using PerfPlatform.Contracts;
using PerfPlatform.ServiceDefaults.Errors;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

/// <summary>One bound for every amount a request carries: a budget, a payment or reversal, a stated spending.</summary>
public sealed class AmountViolationsTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(Money.MaxFen, false)]
    [InlineData(-1, true)]
    [InlineData(Money.MaxFen + 1, true)]
    [InlineData(long.MaxValue, true)]
    public void An_amount_is_from_zero_to_the_platforms_largest(long fen, bool refused) =>
        Assert.Equal(refused, new Violations().Amount(fen, "spent_fen", "全年执行数").Any);

    [Theory]
    [InlineData(-Money.MaxFen, false)]
    [InlineData(-Money.MaxFen - 1, true)]
    [InlineData(long.MinValue, true)]
    [InlineData(Money.MaxFen + 1, true)]
    public void A_reversal_may_be_negative_down_to_minus_the_largest(long fen, bool refused) =>
        Assert.Equal(refused, new Violations().Amount(fen, "amount_fen", "支付金额", reversal: true).Any);

    [Fact]
    public void The_message_names_the_amount_and_the_bound_in_yuan()
    {
        var negative = new Violations().Amount(-1, "budget_fen", "预算数").Items.Single();
        var huge = new Violations().Amount(long.MaxValue, "budget_fen", "预算数").Items.Single();
        Assert.Equal(("budget_fen", "预算数不能为负数。"), (negative.Field, negative.Description));
        Assert.Equal("预算数超出允许范围：金额不能超过 1,000,000,000,000.00 元。", huge.Description);
    }
}
