using Grpc.Core;
using PerfPlatform.Contracts;
using PerfPlatform.Documents.Model;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Importing;

public sealed record ImportOptions(string? DivisionName, string? DepartmentName, bool DryRun);

/// <summary>
/// Brings a parsed target document into the platform through the gateway: what is missing is created, what differs is
/// updated, what is the same is left as it is (so a second import of the same file changes nothing), and a project
/// already submitted or approved is not touched. Every step (project, indicators, spending plan) is recorded under its
/// own name; nothing stops at the first failure.
/// </summary>
public sealed class DocumentImporter(RegistryClient registry, CatalogueClient catalogue, SpendingPlanClient plans, ImportOptions options)
{
    public async Task<ImportReport> ImportAsync(TargetDocument document, IReadOnlyList<ProjectTable> projects, Action<string> progress)
    {
        var report = new ImportReport();
        foreach (var unit in projects.GroupBy(p => (Division: Codes.DivisionOfProject(p.Code), p.UnitCode, p.UnitName)))
        {
            progress($"单位 {unit.Key.UnitCode}");
            if (!await Guard(report, $"{unit.Key.Division}/{unit.Key.UnitCode}", "预算单位", () => EnsureUnitAsync(unit.Key.Division, unit.Key.UnitCode, unit.Key.UnitName, report)))
                continue;
            var year = YearOf(unit.First().Code);
            await Guard(report, $"{unit.Key.Division}/{Codes.DepartmentOfUnit(unit.Key.UnitCode)}/{year}", "部门整体绩效目标",
                () => SetGoalsAsync(unit.Key.Division, Codes.DepartmentOfUnit(unit.Key.UnitCode), year, document.Department, report));
            foreach (var project in unit)
            {
                progress($"项目 {project.Code} {project.Name}");
                report.Projects.Add((project, await ImportProjectAsync(unit.Key.Division, project, report)));
            }
        }
        return report;
    }

    private static int YearOf(string projectCode) => 2000 + int.Parse(projectCode.Substring(6, 2));

    private async Task<bool> Guard(ImportReport report, string subject, string what, Func<Task> step)
    {
        try
        {
            await step();
            return true;
        }
        catch (RpcException e)
        {
            report.Add(subject, what, Outcome.Failed, RpcErrorText.Describe(e), e.StatusCode);
            return false;
        }
    }

    private async Task EnsureUnitAsync(string division, string unitCode, string unitName, ImportReport report)
    {
        var departmentCode = Codes.DepartmentOfUnit(unitCode);
        var divisions = await registry.ListDivisionsAsync(new ListDivisionsRequest());
        if (divisions.Divisions.All(d => d.Code != division))
        {
            var name = options.DivisionName ?? DivisionName.FromUnitName(unitName)
                ?? throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"行政区划 {division} 尚未登记，单位名称「{unitName}」中也看不出县（市、区）名：请用 --division-name 指定，如 --division-name 顺平县。"));
            await Create(report, division, "行政区划", () => registry.CreateDivisionAsync(new CreateDivisionRequest { Code = division, Name = name }).ResponseAsync,
                options.DivisionName is null ? $"名称「{name}」取自单位名称" : "");
        }
        var departments = options.DryRun && divisions.Divisions.All(d => d.Code != division)
            ? new ListDepartmentsResponse()
            : await registry.ListDepartmentsAsync(new ListDepartmentsRequest { DivisionCode = division });
        if (departments.Departments.All(d => d.Code != departmentCode))
        {
            var name = options.DepartmentName ?? unitName.Replace("（本级）", "").Replace("(本级)", "").Trim();
            await Create(report, $"{division}/{departmentCode}", "部门",
                () => registry.CreateDepartmentAsync(new CreateDepartmentRequest { DivisionCode = division, Code = departmentCode, Name = name }).ResponseAsync);
        }
        var units = options.DryRun && departments.Departments.All(d => d.Code != departmentCode)
            ? new ListUnitsResponse()
            : await registry.ListUnitsAsync(new ListUnitsRequest { DivisionCode = division });
        if (units.Units.All(u => u.Code != unitCode))
            await Create(report, $"{division}/{unitCode}", "预算单位", () => registry.CreateUnitAsync(new CreateUnitRequest
            {
                DivisionCode = division, Code = unitCode, DepartmentCode = departmentCode, Name = unitName,
            }).ResponseAsync);
        else report.Add($"{division}/{unitCode}", "预算单位", Outcome.Unchanged);
    }

    private async Task Create(ImportReport report, string subject, string what, Func<Task> create, string note = "")
    {
        if (!options.DryRun) await create();
        report.Add(subject, what, Outcome.Created, options.DryRun ? $"{note}（试运行，未写入）" : note);
    }

    private async Task SetGoalsAsync(string division, string department, int year, DepartmentPart part, ImportReport report)
    {
        var subject = $"{division}/{department}/{year}";
        if (part.OverallGoal.Length == 0) return;
        var wanted = new SetDepartmentGoalsRequest
        {
            DivisionCode = division, DepartmentCode = department, Year = year, OverallGoal = part.OverallGoal,
            ItemGoals = { part.ItemGoals.Select(i => i.Text) }, SafeguardMeasures = part.SafeguardMeasures,
        };
        DepartmentGoals? current = null;
        try
        {
            current = await registry.GetDepartmentGoalsAsync(new GetDepartmentGoalsRequest { DivisionCode = division, DepartmentCode = department, Year = year });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound) { }
        if (current is not null && current.OverallGoal == wanted.OverallGoal && current.ItemGoals.SequenceEqual(wanted.ItemGoals)
            && current.SafeguardMeasures == wanted.SafeguardMeasures)
        {
            report.Add(subject, "部门整体绩效目标", Outcome.Unchanged);
            return;
        }
        // Based on what was read: goals changed meanwhile by someone else are refused (ABORTED), not overwritten.
        wanted.Version = current?.Version ?? 0;
        if (!options.DryRun) await registry.SetDepartmentGoalsAsync(wanted);
        report.Add(subject, "部门整体绩效目标", current is null ? Outcome.Created : Outcome.Updated);
    }

    /// <summary>
    /// The project, then its indicators and its spending plan, each a step of its own in the report; the project counts as
    /// failed when any of them failed.
    /// </summary>
    private async Task<Outcome> ImportProjectAsync(string division, ProjectTable table, ImportReport report)
    {
        var project = new ProjectStep(Outcome.Failed, false, false);
        if (!await Guard(report, table.Code, "项目", async () => project = await RegisterProjectAsync(division, table, report))) return Outcome.Failed;
        if (project.Outcome is Outcome.Failed or Outcome.LeftAlone || project.Frozen) return project.Outcome;
        var indicators = await Guard(report, table.Code, "绩效指标", () => ImportIndicatorsAsync(table, report, project.Exists, registeredNow: project.Outcome == Outcome.Created));
        var plan = await Guard(report, table.Code, "资金支出计划", () => plans.ImportAsync(table, report, options.DryRun, registeredNow: project.Outcome == Outcome.Created));
        return indicators && plan ? project.Outcome : Outcome.Failed;
    }

    /// <summary>What became of the project itself; Exists when it is stored (or was before); Frozen when submitted or approved.</summary>
    private sealed record ProjectStep(Outcome Outcome, bool Exists, bool Frozen);

    private async Task<ProjectStep> RegisterProjectAsync(string division, ProjectTable table, ImportReport report)
    {
        var wanted = new Project
        {
            Code = table.Code, Year = YearOf(table.Code), Name = table.Name, Purpose = table.Purpose, Goals = { table.Goals },
            Budget = new Budget { TotalFen = table.TotalFen, FiscalFen = table.FiscalFen, OtherFen = table.OtherFen },
        };
        Project? current = null;
        try { current = await registry.GetProjectAsync(new GetProjectRequest { ProjectCode = table.Code }); }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound) { }

        if (current is not null && (current.DivisionCode, current.UnitCode, current.Year) != (division, table.UnitCode, wanted.Year))
        {
            // The code is taken by another unit's (or year's) project: a typo or a collision must not overwrite it.
            report.Add(table.Code, "项目", Outcome.Failed,
                $"项目编码 {table.Code} 在平台中已属于行政区划 {current.DivisionCode}、单位 {current.UnitCode}、{current.Year} 年度的项目「{current.Name}」，" +
                $"而文档中的项目表「{table.Name}」属于行政区划 {division}、单位 {table.UnitCode}、{wanted.Year} 年度：未导入，请核对项目编码。");
            return new ProjectStep(Outcome.Failed, true, false);
        }

        Outcome outcome;
        if (current is null)
        {
            if (!options.DryRun)
                current = await registry.CreateProjectAsync(new CreateProjectRequest { DivisionCode = division, UnitCode = table.UnitCode, Project = wanted });
            outcome = Outcome.Created;
        }
        else if (current.Status is ProjectStatus.Submitted or ProjectStatus.Approved)
        {
            // Not touched either way; "left alone" only when the document differs, so that a report of no change is true.
            if (SameProject(current, wanted) && await SameIndicatorsAsync(table) && await plans.SameAsync(table))
            {
                report.Add(table.Code, "项目", Outcome.Unchanged, table.Name);
                return new ProjectStep(Outcome.Unchanged, true, true);
            }
            report.Add(table.Code, "项目", Outcome.LeftAlone,
                $"项目已{(current.Status == ProjectStatus.Approved ? "批复" : "提交审核")}，文档与平台中的不同，导入不修改；" +
                $"如需变更请{(current.Status == ProjectStatus.Approved ? "发起调整" : "等待审核结果")}。");
            return new ProjectStep(Outcome.LeftAlone, true, true);
        }
        else if (SameProject(current, wanted)) outcome = Outcome.Unchanged;
        else
        {
            wanted.Version = current.Version;
            wanted.Code = "";
            wanted.Year = 0;
            if (!options.DryRun) current = await registry.UpdateProjectAsync(new UpdateProjectRequest { ProjectCode = table.Code, Project = wanted });
            outcome = Outcome.Updated;
        }
        report.Add(table.Code, "项目", outcome, table.Name);
        return new ProjectStep(outcome, current is not null, false);
    }

    private static List<Indicator> IndicatorsOf(ProjectTable table) => table.Indicators.Select(i => new Indicator
    {
        Level1 = i.Level1, Level2 = i.Level2, Name = i.Name, Description = i.Description, Target = i.Target, Basis = i.Basis,
    }).ToList();

    private async Task<bool> SameIndicatorsAsync(ProjectTable table) =>
        (await catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = table.Code })).Indicators.Select(i => i.Indicator)
        .SequenceEqual(IndicatorsOf(table));

    /// <summary>A project registered by this import has no indicators yet, and the catalogue may not have heard of it.</summary>
    private async Task ImportIndicatorsAsync(ProjectTable table, ImportReport report, bool exists, bool registeredNow)
    {
        var wanted = IndicatorsOf(table);
        var current = exists && !registeredNow ? await catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = table.Code }) : null;
        IndicatorSet? stored = current;
        Outcome outcome;
        if (current is not null && current.Indicators.Select(i => i.Indicator).SequenceEqual(wanted)) outcome = Outcome.Unchanged;
        else
        {
            if (!options.DryRun) stored = await PutIndicatorsAsync(table.Code, wanted, registeredNow);
            outcome = current is null || current.Indicators.Count == 0 ? Outcome.Created : Outcome.Updated;
        }
        if (stored is not null)
            foreach (var f in stored.Findings)
                report.LintFindings[f.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" }]++;
        report.Add(table.Code, $"绩效指标（{wanted.Count} 个）", outcome);
    }

    private Task<IndicatorSet> PutIndicatorsAsync(string code, List<Indicator> indicators, bool registeredNow) =>
        NewProject.UntilKnownAsync(async () => await catalogue.PutIndicatorSetAsync(
            new PutIndicatorSetRequest { ProjectCode = code, Indicators = { indicators } }), NewProject.NotInCatalogueYet, registeredNow);

    private static bool SameProject(Project current, Project wanted) =>
        current.Name == wanted.Name && current.Purpose == wanted.Purpose && current.Goals.SequenceEqual(wanted.Goals)
        && current.Budget.Equals(wanted.Budget);
}
