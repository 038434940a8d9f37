using Google.Rpc;
using Grpc.Core;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Indicators.V1;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Service;

public sealed class LibraryTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task The_standard_library_starts_with_the_seeds_indicators_and_is_searchable()
    {
        var all = await fixture.Catalogue.SearchLibraryAsync(new SearchLibraryRequest { Page = new PageRequest { PageSize = 500 } });
        Assert.True(all.Page.TotalSize >= 30);
        foreach (var name in new[] { "覆盖人口数量", "资金支付及时率", "投保群众满意度", "购置设备可持续使用年限" })
            Assert.Contains(all.Indicators, i => i.Name == name);
        var satisfaction = await fixture.Catalogue.SearchLibraryAsync(new SearchLibraryRequest { Query = "满意", Level1 = "满意度指标" });
        Assert.NotEmpty(satisfaction.Indicators);
        Assert.All(satisfaction.Indicators, i => Assert.Equal("满意度指标", i.Level1));
        var page = await fixture.Catalogue.SearchLibraryAsync(new SearchLibraryRequest { Page = new PageRequest { PageSize = 5 } });
        Assert.Equal(5, page.Indicators.Count);
        Assert.Equal("5", page.Page.NextPageToken);
    }

    [Fact]
    public async Task The_finance_role_manages_it_with_versions_and_the_framework_decides_the_levels()
    {
        var created = await fixture.Catalogue.CreateLibraryIndicatorAsync(new LibraryIndicator
        {
            Level1 = "产出指标", Level2 = "数量指标", Name = "培训人数（测试）", Description = "参加培训的人数", RecommendedUnit = "人", Direction = Direction.Higher,
        });
        Assert.Equal(1, created.Version);
        created.RecommendedUnit = "人次";
        var updated = await fixture.Catalogue.UpdateLibraryIndicatorAsync(created);
        Assert.Equal((2L, "人次"), (updated.Version, updated.RecommendedUnit));
        var stale = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.UpdateLibraryIndicatorAsync(created).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        // What a project may file, the library may hold: a filed indicator's description fits the library's.
        var filedLength = new string('述', IndicatorFieldLimits.MaxDescription);
        var described = await fixture.Catalogue.UpdateLibraryIndicatorAsync(new LibraryIndicator(updated) { Description = filedLength });
        Assert.Equal(filedLength, described.Description);
        var longer = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.UpdateLibraryIndicatorAsync(
            new LibraryIndicator(described) { Description = filedLength + "述" }).ResponseAsync);
        Assert.Equal("InvalidArgument description", Refusal(longer));

        var misplaced = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.CreateLibraryIndicatorAsync(new LibraryIndicator
        {
            Level1 = "效益指标", Level2 = "数量指标", Name = "错放的指标", Direction = Direction.Higher,
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, misplaced.StatusCode);
        Assert.Contains("level2", misplaced.Status.Detail);

        var department = fixture.CatalogueFor(fixture.Stack.DepartmentToken(CatalogueFixture.Division, CatalogueFixture.Unit));
        var denied = await Assert.ThrowsAsync<RpcException>(() => department.CreateLibraryIndicatorAsync(new LibraryIndicator
        {
            Level1 = "产出指标", Level2 = "质量指标", Name = "部门自建", Direction = Direction.Higher,
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    private static LibraryIndicator Indicator(string level1, string level2, string name) => new()
    {
        Level1 = level1, Level2 = level2, Name = name, Description = "d", RecommendedUnit = "人", Direction = Direction.Higher,
    };

    /// <summary>The refusal's code and the fields it names, joined: "AlreadyExists name".</summary>
    private static string Refusal(RpcException e) =>
        $"{e.StatusCode} {string.Join(",", e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field) ?? [])}";

    private static async Task<string> Refusal(Func<Task> call) => Refusal(await Assert.ThrowsAsync<RpcException>(call));

    [Fact]
    public async Task An_unknown_level1_is_named_as_level1_and_a_level2_outside_a_known_level1_as_level2()
    {
        var created = await fixture.Catalogue.CreateLibraryIndicatorAsync(Indicator("产出指标", "数量指标", "层级测试指标"));
        Assert.Equal("InvalidArgument level1",
            await Refusal(() => fixture.Catalogue.CreateLibraryIndicatorAsync(Indicator("产出", "数量指标", "层级测试指标二")).ResponseAsync));
        Assert.Equal("InvalidArgument level2",
            await Refusal(() => fixture.Catalogue.CreateLibraryIndicatorAsync(Indicator("满意度指标", "数量指标", "层级测试指标二")).ResponseAsync));

        var unknown = Indicator("产出", "数量指标", created.Name);
        (unknown.Id, unknown.Version) = (created.Id, created.Version);
        Assert.Equal("InvalidArgument level1",
            await Refusal(() => fixture.Catalogue.UpdateLibraryIndicatorAsync(unknown).ResponseAsync));
        var misplaced = Indicator("满意度指标", "数量指标", created.Name);
        (misplaced.Id, misplaced.Version) = (created.Id, created.Version);
        Assert.Equal("InvalidArgument level2",
            await Refusal(() => fixture.Catalogue.UpdateLibraryIndicatorAsync(misplaced).ResponseAsync));
    }

    [Fact]
    public async Task A_name_already_in_its_place_is_already_exists_naming_name_on_create_and_on_rename()
    {
        var first = await fixture.Catalogue.CreateLibraryIndicatorAsync(Indicator("产出指标", "质量指标", "重名测试甲"));
        var second = await fixture.Catalogue.CreateLibraryIndicatorAsync(Indicator("产出指标", "质量指标", "重名测试乙"));
        Assert.Equal("AlreadyExists name",
            await Refusal(() => fixture.Catalogue.CreateLibraryIndicatorAsync(Indicator("产出指标", "质量指标", " 重名测试甲 ")).ResponseAsync));

        second.Name = first.Name;
        var renamed = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.UpdateLibraryIndicatorAsync(second).ResponseAsync);
        Assert.Equal("AlreadyExists name", Refusal(renamed));
        Assert.Contains("重名测试甲", renamed.Status.Detail);
        var stored = await fixture.Catalogue.SearchLibraryAsync(new SearchLibraryRequest { Query = "重名测试" });
        Assert.Equal(["重名测试乙", "重名测试甲"], stored.Indicators.Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Creates_of_one_name_at_once_leave_one_and_refuse_the_others_naming_name()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await fixture.Catalogue.CreateLibraryIndicatorAsync(Indicator("效益指标", "社会效益指标", "同时创建的指标"));
                return "OK";
            }
            catch (RpcException e)
            {
                return Refusal(e);
            }
        })));
        Assert.Single(outcomes, o => o == "OK");
        Assert.All(outcomes.Where(o => o != "OK"), o => Assert.Equal("AlreadyExists name", o));
    }

    [Fact]
    public async Task A_budget_year_maps_to_its_framework()
    {
        var all = await fixture.Catalogue.ListFrameworksAsync(new ListFrameworksRequest());
        Assert.Equal(["2015", "2021"], all.Frameworks.Select(f => f.Version));
        var of2021 = (await fixture.Catalogue.ListFrameworksAsync(new ListFrameworksRequest { Year = 2021 })).Frameworks.Single();
        Assert.Contains(of2021.Level1.Single(l => l.Name == "产出指标").Level2, l => l == "成本指标");
        var of2023 = (await fixture.Catalogue.ListFrameworksAsync(new ListFrameworksRequest { Year = 2023 })).Frameworks.Single();
        Assert.True(of2023.CostRequired);
        Assert.Contains(of2023.Level1, l => l.Name == "成本指标");

        var lint = await fixture.Catalogue.LintTargetsAsync(new LintTargetsRequest
        {
            BudgetYear = 2021,
            Indicators = { new Indicator { Level1 = "产出指标", Level2 = "时效指标", Name = "资金支付及时率", Target = "1000百分比", Basis = "依据" } },
        });
        Assert.Contains(lint.Findings, f => f.RuleId == "VAL-01" && f.Severity == Severity.Error && f.IndicatorIndex == 0);
        Assert.Equal("1000", lint.Parsed.Single().Value);
    }
}
