using System.Globalization;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue.Monitoring;

/// <summary>POST /v1/monitoring/rounds (finance) and GET /v1/monitoring/rounds?year=.</summary>
public sealed partial class MonitoringService
{
    public override async Task<MonitoringRound> OpenRound(OpenMonitoringRoundRequest request, ServerCallContext context)
    {
        DateOnly asOf = default, deadline = default;
        var v = new Violations()
            .Year(request.Year)
            .DivisionCode(request.DivisionCode)
            .When(!TryDate(request.AsOf, out asOf), "as_of", "监控截止日期应为 YYYY-MM-DD 格式的有效日期。")
            .When(!TryDate(request.Deadline, out deadline), "deadline", "填报截止日期应为 YYYY-MM-DD 格式的有效日期。");
        if (!v.Any)
            v.When(asOf.Year != request.Year, "as_of", $"监控截止日期应在 {request.Year} 年内。")
                .When(deadline < asOf, "deadline", "填报截止日期不能早于监控截止日期。");
        v.ThrowIfAny();
        var caller = context.Caller();
        caller.RequireFinance("开启运行监控");

        var ct = context.CancellationToken;
        var existing = await FindRoundAsync(request.Year, request.DivisionCode, asOf, ct);
        if (existing is not null) return ToProto(existing);
        var round = new MonitoringRoundRecord
        {
            Id = Guid.NewGuid(), Year = request.Year, DivisionCode = request.DivisionCode, AsOf = asOf, Deadline = deadline,
            OpenedBy = caller.Subject, OpenedAt = clock.Now(),
        };
        db.Rounds.Add(round);
        db.Audit("monitoring_round", round.Id.ToString(), "open", caller.Subject, null, ToProto(round), clock);
        db.Publish(new MonitoringRoundOpened(round.Id, round.Year, round.DivisionCode, round.AsOf, round.Deadline, round.OpenedBy));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same round opened at the same moment by another request: answer that one.
            var raced = await FindRoundAsync(request.Year, request.DivisionCode, asOf, ct);
            if (raced is null) throw;
            return ToProto(raced);
        }
        return ToProto(round);
    }

    public override async Task<ListMonitoringRoundsResponse> ListRounds(ListMonitoringRoundsRequest request, ServerCallContext context)
    {
        new Violations()
            .Year(request.Year, optional: true)
            .DivisionCode(request.DivisionCode, optional: true)
            .ThrowIfAny();
        var caller = context.Caller();
        var query = db.Rounds.AsNoTracking();
        if (request.Year != 0) query = query.Where(r => r.Year == request.Year);
        if (request.DivisionCode.Length > 0) query = query.Where(r => r.DivisionCode == request.DivisionCode);
        if (!caller.IsFinance)
        {
            var divisions = CallerDivisions(caller);
            query = query.Where(r => divisions.Contains(r.DivisionCode));
        }
        var rounds = await query.OrderBy(r => r.Year).ThenBy(r => r.DivisionCode).ThenBy(r => r.AsOf).ToListAsync(context.CancellationToken);
        return new ListMonitoringRoundsResponse { Rounds = { rounds.Select(ToProto) } };
    }

    private Task<MonitoringRoundRecord?> FindRoundAsync(int year, string division, DateOnly asOf, CancellationToken ct) =>
        db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year && r.DivisionCode == division && r.AsOf == asOf, ct);

    private async Task<MonitoringRoundRecord> GetRoundAsync(string roundId, Caller caller, CancellationToken ct)
    {
        var id = ParseRoundId(roundId);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null || (!caller.IsFinance && !CallerDivisions(caller).Contains(round.DivisionCode)))
            throw new NotFoundException($"监控轮次 {roundId} 不存在。");
        return round;
    }

    private static Guid ParseRoundId(string roundId) =>
        Guid.TryParse(roundId, out var id) ? id : throw new ValidationFailedException("round_id", "监控轮次编号格式不正确。");

    private static List<string> CallerDivisions(Caller caller) =>
        caller.UnitKeys.Select(k => k.Split(':')[0]).Distinct().ToList();

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static MonitoringRound ToProto(MonitoringRoundRecord r) => new()
    {
        Id = r.Id.ToString(), Year = r.Year, DivisionCode = r.DivisionCode, AsOf = r.AsOf.ToString("yyyy-MM-dd"),
        Deadline = r.Deadline.ToString("yyyy-MM-dd"), OpenedBy = r.OpenedBy,
        OpenTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(r.OpenedAt),
    };
}
