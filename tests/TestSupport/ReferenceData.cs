using PerfPlatform.Protos.Registry.V1;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.TestSupport;

/// <summary>
/// The reference data a test files its projects under, created through the registry's API as the finance bureau would:
/// a division (顺平县), the departments of the given units (a unit code is its department's three digits + three) and the
/// units. Creating the same again is accepted unchanged, so a fixture may seed what another test already did.
/// </summary>
public static class ReferenceData
{
    public const string DivisionName = "顺平县";

    /// <summary>The seed's department 434 and a second one for tests about another department.</summary>
    private static readonly Dictionary<string, string> DepartmentNames = new()
    {
        ["434"] = "顺平县人民政府办公室", ["435"] = "顺平县教育局",
    };

    /// <summary>Creates the division, the units' departments and the units (code and name each), in that order.</summary>
    public static async Task SeedAsync(RegistryClient finance, string division, params (string Code, string Name)[] units)
    {
        await finance.CreateDivisionAsync(new CreateDivisionRequest { Code = division, Name = DivisionName });
        foreach (var department in units.Select(u => DepartmentOf(u.Code)).Distinct())
            await finance.CreateDepartmentAsync(new CreateDepartmentRequest
            {
                DivisionCode = division, Code = department, Name = DepartmentNames.GetValueOrDefault(department, $"部门{department}"),
            });
        foreach (var (code, name) in units)
            await finance.CreateUnitAsync(new CreateUnitRequest { DivisionCode = division, Code = code, DepartmentCode = DepartmentOf(code), Name = name });
    }

    public static string DepartmentOf(string unitCode) => unitCode[..3];
}
