using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;

namespace PerfPlatform.ProjectRegistry.Tests;

/// <summary>Projects shaped like the seed's; codes are fresh per test so that tests do not collide.</summary>
public static class Samples
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static string NewCode(int year = 2021) =>
        RegistryFixture.Division + (year % 100).ToString("00") + new string(Random.Shared.GetItems(Alphabet.ToCharArray(), 13));

    /// <summary>The seed's 购置公务用车项目经费 (180,000.00 元, all fiscal), under a fresh code.</summary>
    public static Project VehiclePurchase(string? code = null) => new()
    {
        Code = code ?? NewCode(),
        Year = 2021,
        Name = "购置公务用车项目经费",
        Purpose = "购置9座客车一辆",
        Goals = { "1.预计2021年第二季度完成支出", "2.适应当前工作需求，更好的保障全县公车使用" },
        Budget = new Budget { TotalFen = 18_000_000, FiscalFen = 18_000_000, OtherFen = 0 },
    };

    public static CreateProjectRequest Create(Project project, string unit = RegistryFixture.Unit) =>
        new() { DivisionCode = RegistryFixture.Division, UnitCode = unit, Project = project };
}
