namespace PerfPlatform.IndicatorCatalogue.Frameworks;

/// <summary>One version of the level-1 → level-2 indicator framework (指标体系), as data.</summary>
public sealed record IndicatorFramework(string Version, string Title, IReadOnlyDictionary<string, IReadOnlyList<string>> Levels, bool CostRequired)
{
    public bool HasPair(string level1, string level2) => Levels.TryGetValue(level1, out var level2s) && level2s.Contains(level2);

    public bool HasLevel1(string level1) => Levels.ContainsKey(level1);
}

/// <summary>
/// The framework versions and which budget year uses which. The defaults are the Ministry of Finance's 2015 framework
/// (财预〔2015〕88号, still county practice in 2021, the seed's) up to 2021 and the 2021 guide (财预〔2021〕101号) from 2022;
/// a division's adoption year is configuration (Frameworks:FirstYearOf2021Guide).
/// </summary>
public sealed class FrameworkCatalog(int firstYearOf2021Guide = 2022)
{
    public static readonly IndicatorFramework Framework2015 = new("2015", "财预〔2015〕88号", new Dictionary<string, IReadOnlyList<string>>
    {
        ["产出指标"] = ["数量指标", "质量指标", "时效指标", "成本指标"],
        ["效益指标"] = ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
        ["满意度指标"] = ["服务对象满意度指标"],
    }, CostRequired: false);

    public static readonly IndicatorFramework Framework2021 = new("2021", "财预〔2021〕101号", new Dictionary<string, IReadOnlyList<string>>
    {
        ["产出指标"] = ["数量指标", "质量指标", "时效指标"],
        ["成本指标"] = ["经济成本指标", "社会成本指标", "生态环境成本指标"],
        ["效益指标"] = ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
        ["满意度指标"] = ["服务对象满意度指标"],
    }, CostRequired: true);

    public IReadOnlyList<IndicatorFramework> All { get; } = [Framework2015, Framework2021];

    public IndicatorFramework Resolve(int budgetYear) => budgetYear >= firstYearOf2021Guide ? Framework2021 : Framework2015;

    public string VersionFor(int budgetYear) => Resolve(budgetYear).Version;

    public bool AnyVersionHasPair(string level1, string level2) => All.Any(f => f.HasPair(level1, level2));

    public bool AnyVersionHasLevel1(string level1) => All.Any(f => f.HasLevel1(level1));
}
