using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Web.Gateway;
using Xunit;

namespace PerfPlatform.Web.Tests;

/// <summary>The console's paged tables: tokens kept per page, the next page offered only with its token, the latest answer shown.</summary>
public sealed class PagedRowsTests
{
    private static Task<(IEnumerable<string> Rows, PageResponse? Page)> Answer(string rows, string next, int total) =>
        Task.FromResult<(IEnumerable<string>, PageResponse?)>((rows.Split(' '), new PageResponse { NextPageToken = next, TotalSize = total }));

    [Fact]
    public async Task Each_page_is_asked_with_the_token_its_previous_page_gave()
    {
        var rows = new PagedRows<string>(2);
        var asked = new List<string>();
        Task<(IEnumerable<string>, PageResponse?)> Page(PageRequest r, string rowsOf, string next)
        {
            asked.Add(r.PageToken);
            Assert.Equal(2, r.PageSize);
            return Answer(rowsOf, next, 5);
        }
        await rows.ShowAsync(1, r => Page(r, "a b", "t2"));
        await rows.ShowAsync(2, r => Page(r, "c d", "t3"));
        await rows.ShowAsync(3, r => Page(r, "e", ""));
        Assert.False(rows.HasNext);
        await rows.ShowAsync(2, r => Page(r, "c d", "t3"));
        Assert.Equal(["", "t2", "t3", "t2"], asked);
        Assert.Equal((2, 5, true), (rows.Page, rows.Total, rows.HasNext));
        Assert.Equal(["c", "d"], rows.Rows);
    }

    [Fact]
    public async Task A_count_that_promises_more_than_the_tokens_give_offers_no_next_page()
    {
        // A keyset list whose rows moved between two pages: the count says 41, the answer gives no next token.
        var rows = new PagedRows<string>(20);
        await rows.ShowAsync(1, _ => Answer("a", "", 41));
        Assert.False(rows.HasNext);
        // A page the pager should not have offered is read as the last page reached, not an error.
        await rows.ShowAsync(3, r => { Assert.Equal("", r.PageToken); return Answer("a", "", 41); });
        Assert.Equal(1, rows.Page);
    }

    [Fact]
    public async Task An_answer_on_its_way_when_the_table_is_reset_is_dropped()
    {
        // The summary drilled from its groups to a unit's projects while a page of groups was loading.
        var rows = new PagedRows<string>(2);
        var late = new TaskCompletionSource<(IEnumerable<string>, PageResponse?)>();
        var stale = rows.ShowAsync(1, _ => late.Task);
        rows.Reset();
        late.SetResult((["a", "b"], new PageResponse { NextPageToken = "t2", TotalSize = 4 }));
        Assert.False(await stale);
        Assert.Equal((0, 0, false), (rows.Rows.Count, rows.Total, rows.HasNext));
    }

    [Fact]
    public async Task After_a_reset_only_the_newest_question_is_shown()
    {
        var rows = new PagedRows<string>(2);
        await rows.ShowAsync(1, _ => Answer("a b", "t2", 4));
        var late = new TaskCompletionSource<(IEnumerable<string>, PageResponse?)>();
        var stale = rows.ShowAsync(2, _ => late.Task);
        rows.Reset();
        Assert.Equal((1, 0, 0, false), (rows.Page, rows.Total, rows.Rows.Count, rows.HasNext));
        Assert.True(await rows.ShowAsync(1, _ => Answer("x y", "n2", 3)));
        late.SetResult((["c", "d"], new PageResponse { NextPageToken = "old", TotalSize = 4 }));
        Assert.False(await stale);
        Assert.Equal((1, 3), (rows.Page, rows.Total));
        Assert.Equal(["x", "y"], rows.Rows);
        await rows.ShowAsync(2, r => { Assert.Equal("n2", r.PageToken); return Answer("z", "", 3); });
    }
}
