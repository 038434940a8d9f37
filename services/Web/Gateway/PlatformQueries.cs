using PerfPlatform.Protos;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.Web.SignIn;

namespace PerfPlatform.Web.Gateway;

/// <summary>Questions the pages ask that take more than one call: a unit's projects page by page, the years that hold data.</summary>
public sealed class PlatformQueries(GatewayClients gateway)
{
    private const int PageSize = 500;
    /// <summary>How far back the finance bureau's year list looks: the summary answers one year at a time.</summary>
    private const int YearsBack = 10;

    public async Task<List<Project>> UnitProjectsAsync(UnitKey unit, int year)
    {
        var registry = await gateway.RegistryAsync();
        return await PagedLists.ReadAllAsync(token => registry.ListProjectsAsync(new ListProjectsRequest
            {
                DivisionCode = unit.Division, UnitCode = unit.Unit, Year = year, Page = new PageRequest { PageSize = PageSize, PageToken = token },
            }).ResponseAsync,
            page => page.Projects, page => page.Page);
    }

    /// <summary>Budget years that hold data for the user, newest first; the current year when none does.</summary>
    public async Task<List<int>> YearsAsync()
    {
        var user = await gateway.UserAsync();
        var years = new SortedSet<int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        if (user.IsFinance)
        {
            var reporting = await gateway.ReportingAsync();
            var thisYear = DateTime.UtcNow.Year;
            var probes = Enumerable.Range(thisYear - YearsBack, YearsBack + 2).Select(async year =>
                (year, (await reporting.GetSummaryAsync(new SummaryRequest { Year = year, GroupBy = "division" })).Total?.ProjectCount ?? 0));
            foreach (var (year, count) in await Task.WhenAll(probes))
                if (count > 0) years.Add(year);
        }
        else
        {
            foreach (var unit in user.Units)
                foreach (var project in await UnitProjectsAsync(unit, 0))
                    years.Add(project.Year);
        }
        if (years.Count == 0) years.Add(DateTime.UtcNow.Year);
        return years.ToList();
    }
}
