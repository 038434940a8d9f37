using PerfPlatform.Protos.Common.V1;
using PerfPlatform.ServiceDefaults.Errors;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

public sealed class PagingTests
{
    [Fact]
    public void A_page_takes_the_lists_default_size_and_reads_its_offset()
    {
        new Violations().Page(null, 500, 50, PageTokens.IsOffset, out var asked).ThrowIfAny();
        Assert.Equal((50, 0), (asked.Size, asked.Offset));
        new Violations().Page(new PageRequest { PageSize = 20, PageToken = "40" }, 500, 50, PageTokens.IsOffset, out asked).ThrowIfAny();
        Assert.Equal((20, 40), (asked.Size, asked.Offset));
    }

    [Theory]
    [InlineData(-1, "", "page.page_size")]
    [InlineData(501, "", "page.page_size")]
    [InlineData(10, "-1", "page.page_token")]
    [InlineData(10, "+5", "page.page_token")]
    [InlineData(10, " 5", "page.page_token")]
    [InlineData(10, "99999999999", "page.page_token")]
    [InlineData(10, "abc", "page.page_token")]
    public void A_bad_size_or_offset_token_is_named(int size, string token, string field)
    {
        var violations = new Violations().Page(new PageRequest { PageSize = size, PageToken = token }, 500, 50, PageTokens.IsOffset, out _);
        Assert.Equal([field], violations.Items.Select(v => v.Field));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("9000000000", true)]
    [InlineData("0", false)]
    [InlineData("-3", false)]
    [InlineData("1e3", false)]
    public void A_row_id_token_is_a_positive_whole_number(string token, bool valid)
    {
        Assert.Equal(valid, PageTokens.IsRowId(token));
        if (valid) Assert.Equal(long.Parse(token), new PageAsked(10, token).RowId);
    }
}
