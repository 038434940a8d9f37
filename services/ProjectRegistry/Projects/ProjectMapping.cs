using Google.Protobuf.WellKnownTypes;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using ProtoProject = PerfPlatform.Protos.Registry.V1.Project;

namespace PerfPlatform.ProjectRegistry.Projects;

public static class ProjectMapping
{
    public static ProtoProject ToProto(this Project p)
    {
        var proto = Fields(p);
        if (p.PredecessorCode is { } predecessor) proto.PredecessorCode = predecessor;
        return proto;
    }

    private static ProtoProject Fields(Project p) => new()
    {
        Code = p.Code,
        DivisionCode = p.DivisionCode,
        UnitCode = p.UnitCode,
        Year = p.Year,
        Name = p.Name,
        Purpose = p.Purpose,
        Goals = { p.Goals },
        Budget = new Budget
        {
            TotalFen = p.TotalFen,
            FiscalFen = p.FiscalFen,
            OtherFen = p.OtherFen,
        },
        Status = ToProto(p.Status),
        Version = p.Version,
        Revision = p.Revision,
        ReviewComment = p.ReviewComment,
        CreateTime = Timestamp.FromDateTimeOffset(p.CreatedAt),
        UpdateTime = Timestamp.FromDateTimeOffset(p.UpdatedAt),
    };

    public static ProjectStatus ToProto(string status) => status switch
    {
        ProjectStatuses.Draft => ProjectStatus.Draft,
        ProjectStatuses.Submitted => ProjectStatus.Submitted,
        ProjectStatuses.Approved => ProjectStatus.Approved,
        ProjectStatuses.Returned => ProjectStatus.Returned,
        _ => ProjectStatus.Unspecified,
    };

    public static void ApplyBudget(this Project p, Budget budget)
    {
        p.TotalFen = budget.TotalFen;
        p.FiscalFen = budget.FiscalFen;
        p.OtherFen = budget.OtherFen;
    }
}
