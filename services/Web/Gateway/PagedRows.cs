using PerfPlatform.Protos.Common.V1;

namespace PerfPlatform.Web.Gateway;

/// <summary>
/// The page of a list the API answers a page at a time, under a pager that moves one page forward or back: the rows shown,
/// the list's count, and the token of each page reached so far (page 1's is empty), since page tokens are opaque.
/// </summary>
public sealed class PagedRows<T>(int size = 20)
{
    private readonly List<string> _tokens = [""];

    public int Size => size;
    public int Page { get; private set; } = 1;
    public int Total { get; private set; }
    public List<T> Rows { get; private set; } = [];

    /// <summary>Back to the first page, for a new question (another year, grouping or level).</summary>
    public void Reset() => _tokens.RemoveRange(1, _tokens.Count - 1);

    /// <summary>The request's page for <paramref name="page"/>.</summary>
    public PageRequest Ask(int page) => new() { PageSize = size, PageToken = _tokens[page - 1] };

    /// <summary>Shows the answer to <paramref name="page"/> and keeps the next page's token.</summary>
    public void Answered(int page, IEnumerable<T> rows, PageResponse? answer)
    {
        Rows = rows.ToList();
        (Page, Total) = (page, answer?.TotalSize ?? Rows.Count);
        if (_tokens.Count == page && answer?.NextPageToken is { Length: > 0 } next) _tokens.Add(next);
    }
}
