using PerfPlatform.Protos.Common.V1;

namespace PerfPlatform.Protos;

/// <summary>A client's read of a whole list, page after page, where it needs every row (a page of the console, an export).</summary>
public static class PagedLists
{
    /// <summary>
    /// Every item: <paramref name="page"/> is asked for the page at each token, from "" until a page (its
    /// <paramref name="next"/>) has no next token.
    /// </summary>
    public static async Task<List<T>> ReadAllAsync<TResponse, T>(Func<string, Task<TResponse>> page,
        Func<TResponse, IEnumerable<T>> items, Func<TResponse, PageResponse?> next)
    {
        var all = new List<T>();
        var token = "";
        do
        {
            var response = await page(token);
            all.AddRange(items(response));
            token = next(response)?.NextPageToken ?? "";
        } while (token.Length > 0);
        return all;
    }
}
