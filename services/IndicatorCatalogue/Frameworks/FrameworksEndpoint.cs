using PerfPlatform.IndicatorCatalogue.Frameworks;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue;

/// <summary>GET /v1/frameworks[?year=]: the level-1/level-2 frameworks, or the one a budget year uses.</summary>
public sealed partial class CatalogueService
{
    public override Task<ListFrameworksResponse> ListFrameworks(ListFrameworksRequest request, ServerCallContext context)
    {
        new Violations().Year(request.Year, optional: true).ThrowIfAny();
        var selected = request.Year == 0 ? frameworks.All : [frameworks.Resolve(request.Year)];
        return Task.FromResult(new ListFrameworksResponse { Frameworks = { selected.Select(ToProto) } });
    }

    private static Framework ToProto(IndicatorFramework f) => new()
    {
        Version = f.Version,
        Title = f.Title,
        CostRequired = f.CostRequired,
        Level1 = { f.Levels.Select(l => new Framework.Types.Level1 { Name = l.Key, Level2 = { l.Value } }) },
    };
}
