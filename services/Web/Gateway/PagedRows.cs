using PerfPlatform.Protos.Common.V1;

namespace PerfPlatform.Web.Gateway;

/// <summary>
/// The page of a list the API answers a page at a time, under a pager that moves one page forward or back: the rows shown,
/// the list's count, and the token of each page reached so far (page 1's is empty), since page tokens are opaque.
/// </summary>
public sealed class PagedRows<T>(int size = 20)
{
    private readonly List<string> _tokens = [""];
    private int _asked;

    public int Size => size;
    public int Page { get; private set; } = 1;
    public int Total { get; private set; }
    public List<T> Rows { get; private set; } = [];

    /// <summary>Whether the page after the one shown can be asked for: its token came with the answer.</summary>
    public bool HasNext => _tokens.Count > Page;

    /// <summary>Back to an empty first page, for a new question (another year, grouping or level); an answer still on its way is dropped.</summary>
    public void Reset()
    {
        _asked++;
        _tokens.RemoveRange(1, _tokens.Count - 1);
        (Page, Total, Rows) = (1, 0, []);
    }

    /// <summary>
    /// Asks for <paramref name="page"/> (1, or one the pager reached) and shows it, unless another question was asked
    /// meanwhile: only the latest answer is shown. False when the answer was not shown.
    /// </summary>
    public async Task<bool> ShowAsync(int page, Func<PageRequest, Task<(IEnumerable<T> Rows, PageResponse? Page)>> ask)
    {
        var ticket = ++_asked;
        var (rows, answer) = await ask(new PageRequest { PageSize = size, PageToken = _tokens[Math.Clamp(page, 1, _tokens.Count) - 1] });
        if (ticket != _asked) return false;
        Rows = rows.ToList();
        (Page, Total) = (Math.Clamp(page, 1, _tokens.Count), answer?.TotalSize ?? Rows.Count);
        if (_tokens.Count == Page && answer?.NextPageToken is { Length: > 0 } next) _tokens.Add(next);
        return true;
    }
}
