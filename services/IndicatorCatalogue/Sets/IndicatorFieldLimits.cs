using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue.Sets;

/// <summary>
/// What a filed indicator must be to be stored at all. Whether its content is sound is the linter's business: a bad
/// target is stored and flagged, never refused, so that the department sees every problem at once. The document checks
/// (Documents Checks/ServiceLimits) mirror these limits so that an import finds them first; a test keeps the two equal.
/// </summary>
public static class IndicatorFieldLimits
{
    public const int MaxLevel = 50;
    public const int MaxName = 100;
    public const int MaxDescription = 1000;
    /// <summary>The national data element for the filed value is 60 characters; longer is accepted and flagged.</summary>
    public const int MaxTarget = 500;
    public const int MaxBasis = 1000;

    public static void Check(Violations v, Indicator x, string field)
    {
        v.Required(x.Level1, $"{field}.level1", "一级指标")
            .MaxLength(x.Level1, MaxLevel, $"{field}.level1", "一级指标")
            .Required(x.Level2, $"{field}.level2", "二级指标")
            .MaxLength(x.Level2, MaxLevel, $"{field}.level2", "二级指标")
            .Required(x.Name, $"{field}.name", "三级指标名称")
            .MaxLength(x.Name, MaxName, $"{field}.name", "三级指标名称")
            .MaxLength(x.Description, MaxDescription, $"{field}.description", "绩效指标描述")
            .MaxLength(x.Target, MaxTarget, $"{field}.target", "指标值")
            .MaxLength(x.Basis, MaxBasis, $"{field}.basis", "指标值确定依据");
    }
}
