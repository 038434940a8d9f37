using PerfPlatform.Protos.Common.V1;

namespace PerfPlatform.Web.Gateway;

/// <summary>
/// A list read from the API a page at a time under a pager that moves one page forward or back: the token of each page
/// reached so far (page 1's is empty), since page tokens are opaque.
/// </summary>
public sealed class PageTrail
{
    private readonly List<string> _tokens = [""];

    /// <summary>Back to the first page, for a new question (another year, grouping or level).</summary>
    public void Reset() => _tokens.RemoveRange(1, _tokens.Count - 1);

    public string TokenOf(int page) => _tokens[page - 1];

    /// <summary>Keeps the next page's token from the answer to <paramref name="page"/>, the furthest page reached.</summary>
    public void Answered(int page, PageResponse? response)
    {
        if (_tokens.Count == page && response?.NextPageToken is { Length: > 0 } next) _tokens.Add(next);
    }
}
