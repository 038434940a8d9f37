using Npgsql;
using PerfPlatform.IndicatorCatalogue.Library;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue;

/// <summary>The standard indicator library: searchable by every caller, managed by the finance role.</summary>
public sealed partial class CatalogueService
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public override async Task<SearchLibraryResponse> SearchLibrary(SearchLibraryRequest request, ServerCallContext context)
    {
        new Violations()
            .Page(request.Page, MaxPageSize, DefaultPageSize, PageTokens.IsOffset, out var page)
            .MaxLength(request.Query, 100, "query", "搜索词")
            .ThrowIfAny();
        var query = db.Library.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            var term = request.Query.Trim();
            query = query.Where(l => l.Name.Contains(term) || l.Description.Contains(term));
        }
        if (request.Level1.Length > 0) query = query.Where(l => l.Level1 == request.Level1);
        if (request.Level2.Length > 0) query = query.Where(l => l.Level2 == request.Level2);
        var total = await query.CountAsync(context.CancellationToken);
        var items = await query.OrderBy(l => l.Level1).ThenBy(l => l.Level2).ThenBy(l => l.Name)
            .Skip(page.Offset).Take(page.Size).ToListAsync(context.CancellationToken);
        return new SearchLibraryResponse
        {
            Indicators = { items.Select(ToProto) },
            Page = page.OffsetAnswer(total),
        };
    }

    public override async Task<LibraryIndicator> CreateLibraryIndicator(LibraryIndicator request, ServerCallContext context)
    {
        var caller = context.Caller();
        ValidateLibraryIndicator(request);
        caller.RequireFinance("维护标准指标库");
        await RequireNameFree(request, null, context.CancellationToken);
        var record = new LibraryIndicatorRecord { Id = Guid.NewGuid(), Version = 1 };
        Apply(record, request);
        db.Library.Add(record);
        db.Audit("library_indicator", record.Id.ToString(), "create", caller.Subject, null, ToProto(record), clock);
        await SaveLibraryAsync(request, context.CancellationToken);
        return ToProto(record);
    }

    public override async Task<LibraryIndicator> UpdateLibraryIndicator(LibraryIndicator request, ServerCallContext context)
    {
        var caller = context.Caller();
        new Violations()
            .When(!Guid.TryParse(request.Id, out _), "id", "指标标识无效。")
            .When(request.Version <= 0, "version", "请提供修改所依据的版本号 version。")
            .ThrowIfAny();
        ValidateLibraryIndicator(request);
        caller.RequireFinance("维护标准指标库");
        var record = await db.Library.FindAsync([Guid.Parse(request.Id)], context.CancellationToken)
            ?? throw new NotFoundException($"标准指标 {request.Id} 不存在。");
        if (record.Version != request.Version)
            throw new ConcurrencyConflictException($"标准指标「{record.Name}」已被修改（当前版本 {record.Version}），请刷新后重试。");
        await RequireNameFree(request, record.Id, context.CancellationToken);
        var before = ToProto(record);
        Apply(record, request);
        record.Version += 1;
        db.Audit("library_indicator", record.Id.ToString(), "update", caller.Subject, before, ToProto(record), clock);
        await SaveLibraryAsync(request, context.CancellationToken);
        return ToProto(record);
    }

    /// <summary>A level-1/level-2 place holds each name once: another indicator there with the requested name is ALREADY_EXISTS naming name.</summary>
    private async Task RequireNameFree(LibraryIndicator request, Guid? self, CancellationToken ct)
    {
        var name = request.Name.Trim();
        if (await db.Library.AnyAsync(l => l.Id != self && l.Level1 == request.Level1 && l.Level2 == request.Level2 && l.Name == name, ct))
            throw NameTaken(request);
    }

    /// <summary>
    /// Saves a created or changed indicator. Two requests giving the same name at once both find it free; the later
    /// save hits the unique index and is answered as if it had come second, naming name, not with a bare "记录已存在".
    /// </summary>
    private async Task SaveLibraryAsync(LibraryIndicator request, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: NameIndex })
        {
            db.ChangeTracker.Clear();
            throw NameTaken(request);
        }
    }

    private const string NameIndex = "library_indicators_level1_level2_name_key";

    private static AlreadyExistsException NameTaken(LibraryIndicator request) =>
        new($"标准指标库中已有「{request.Level1}/{request.Level2}/{request.Name.Trim()}」，请换一个指标名称。", "name");

    private void ValidateLibraryIndicator(LibraryIndicator request)
    {
        new Violations()
            .Required(request.Level1, "level1", "一级指标")
            .Required(request.Level2, "level2", "二级指标")
            .When(request.Level1.Trim().Length > 0 && !frameworks.AnyVersionHasLevel1(request.Level1),
                "level1", $"一级指标应为指标体系中的一级指标：{string.Join("、", frameworks.All.SelectMany(f => f.Levels.Keys).Distinct())}。")
            .When(request.Level2.Length > 0 && frameworks.AnyVersionHasLevel1(request.Level1) && !frameworks.AnyVersionHasPair(request.Level1, request.Level2),
                "level2", $"{Quote.Of(request.Level2)}不是任何指标体系中{Quote.Of(request.Level1)}下的二级指标。")
            .Required(request.Name, "name", "指标名称")
            .MaxLength(request.Name, IndicatorFieldLimits.MaxName, "name", "指标名称")
            .MaxLength(request.Description, IndicatorFieldLimits.MaxDescription, "description", "指标描述")
            .MaxLength(request.RecommendedUnit, 20, "recommended_unit", "推荐计量单位")
            .When(request.Direction == Direction.Unspecified, "direction", "请指定指标方向：越高越好、越低越好或等于目标值。")
            .ThrowIfAny();
    }

    private void Apply(LibraryIndicatorRecord record, LibraryIndicator request)
    {
        record.Level1 = request.Level1;
        record.Level2 = request.Level2;
        record.Name = request.Name.Trim();
        record.Description = request.Description.Trim();
        record.RecommendedUnit = request.RecommendedUnit.Trim();
        record.Direction = request.Direction switch
        {
            Direction.Higher => "higher",
            Direction.Lower => "lower",
            _ => "exact",
        };
        record.UpdatedAt = clock.Now();
    }

    private static LibraryIndicator ToProto(LibraryIndicatorRecord r) => new()
    {
        Id = r.Id.ToString(),
        Level1 = r.Level1,
        Level2 = r.Level2,
        Name = r.Name,
        Description = r.Description,
        RecommendedUnit = r.RecommendedUnit,
        Direction = r.Direction switch { "higher" => Direction.Higher, "lower" => Direction.Lower, _ => Direction.Exact },
        Version = r.Version,
    };
}
