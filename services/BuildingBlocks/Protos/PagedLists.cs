using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;
using DisbursementTrackingClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;

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

    /// <summary>
    /// Every warning the request selects, worst first, a page of 1,000 at a time, one per project: a warning whose lag changed
    /// between two pages may be read twice, and the first read stands.
    /// </summary>
    public static async Task<List<Warning>> ReadAllWarningsAsync(DisbursementTrackingClient client, ListWarningsRequest request)
    {
        var rows = await ReadAllAsync(token => client.ListWarningsAsync(new ListWarningsRequest(request)
            {
                Page = new PageRequest { PageSize = 1000, PageToken = token },
            }).ResponseAsync,
            page => page.Warnings, page => page.Page);
        return rows.DistinctBy(w => w.ProjectCode).ToList();
    }
}
