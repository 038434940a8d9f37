using Npgsql;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.ProjectRegistry.ReferenceData;
using PerfPlatform.Protos.Registry.V1;
using DivisionEntity = PerfPlatform.ProjectRegistry.ReferenceData.Division;
using DepartmentEntity = PerfPlatform.ProjectRegistry.ReferenceData.Department;
using UnitEntity = PerfPlatform.ProjectRegistry.ReferenceData.Unit;

namespace PerfPlatform.ProjectRegistry;

/// <summary>Divisions, departments and units: created by the finance role, readable by every signed-in caller.</summary>
public sealed partial class RegistryService
{
    private const int MaxNameLength = 200;

    public override async Task<Protos.Registry.V1.Division> CreateDivision(CreateDivisionRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        new Violations()
            .DivisionCode(request.Code, "code")
            .Required(request.Name, "name", "行政区划名称")
            .MaxLength(request.Name, MaxNameLength, "name", "行政区划名称")
            .ThrowIfAny();
        caller.RequireFinance("登记行政区划");

        var name = request.Name.Trim();
        return await CreateOnceAsync(
            ct => db.Divisions.FindAsync([request.Code], ct),
            existing => existing.Name == name,
            existing => $"行政区划 {request.Code} 已存在，名称为「{existing.Name}」。",
            () => new DivisionEntity { Code = request.Code, Name = name, CreatedAt = clock.Now() },
            ToProto, ("division", d => d.Code), d => new DivisionRegistered(d.Code, d.Name, 1), caller.Subject, context.CancellationToken);
    }

    public override async Task<ListDivisionsResponse> ListDivisions(ListDivisionsRequest request, ServerCallContext context)
    {
        var items = await db.Divisions.AsNoTracking().OrderBy(d => d.Code).ToListAsync(context.CancellationToken);
        return new ListDivisionsResponse { Divisions = { items.Select(ToProto) } };
    }

    public override async Task<Protos.Registry.V1.Department> CreateDepartment(CreateDepartmentRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        new Violations()
            .DivisionCode(request.DivisionCode)
            .DepartmentCode(request.Code, "code")
            .Required(request.Name, "name", "部门名称")
            .MaxLength(request.Name, MaxNameLength, "name", "部门名称")
            .ThrowIfAny();
        caller.RequireFinance("登记部门");
        await RequireDivision(request.DivisionCode, context.CancellationToken);

        var name = request.Name.Trim();
        return await CreateOnceAsync(
            ct => db.Departments.FindAsync([request.DivisionCode, request.Code], ct),
            existing => existing.Name == name,
            existing => $"部门 {request.DivisionCode}/{request.Code} 已存在，名称为「{existing.Name}」。",
            () => new DepartmentEntity { DivisionCode = request.DivisionCode, Code = request.Code, Name = name, CreatedAt = clock.Now() },
            ToProto, ("department", d => $"{d.DivisionCode}/{d.Code}"), d => new DepartmentRegistered(d.DivisionCode, d.Code, d.Name, 1),
            caller.Subject, context.CancellationToken);
    }

    public override async Task<ListDepartmentsResponse> ListDepartments(ListDepartmentsRequest request, ServerCallContext context)
    {
        new Violations().DivisionCode(request.DivisionCode).ThrowIfAny();
        var items = await db.Departments.AsNoTracking().Where(d => d.DivisionCode == request.DivisionCode)
            .OrderBy(d => d.Code).ToListAsync(context.CancellationToken);
        return new ListDepartmentsResponse { Departments = { items.Select(ToProto) } };
    }

    public override async Task<Protos.Registry.V1.Unit> CreateUnit(CreateUnitRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        new Violations()
            .DivisionCode(request.DivisionCode)
            .UnitCode(request.Code, "code")
            .DepartmentCode(request.DepartmentCode)
            .When(Codes.IsUnit(request.Code) && Codes.IsDepartment(request.DepartmentCode)
                  && Codes.DepartmentOfUnit(request.Code) != request.DepartmentCode,
                "code", $"单位代码 {request.Code} 的前 3 位应为所属部门代码 {request.DepartmentCode}。")
            .Required(request.Name, "name", "单位名称")
            .MaxLength(request.Name, MaxNameLength, "name", "单位名称")
            .ThrowIfAny();
        caller.RequireFinance("登记预算单位");
        await RequireDivision(request.DivisionCode, context.CancellationToken);
        if (await db.Departments.FindAsync([request.DivisionCode, request.DepartmentCode], context.CancellationToken) is null)
            throw new FailedPreconditionException($"部门 {request.DivisionCode}/{request.DepartmentCode} 尚未登记，请先登记部门。",
                [new FieldViolation("department_code", "部门尚未登记。")]);

        var name = request.Name.Trim();
        return await CreateOnceAsync(
            ct => db.Units.FindAsync([request.DivisionCode, request.Code], ct),
            existing => existing.Name == name && existing.DepartmentCode == request.DepartmentCode,
            existing => $"单位 {request.DivisionCode}/{request.Code} 已存在，名称为「{existing.Name}」。",
            () => new UnitEntity
            {
                DivisionCode = request.DivisionCode, Code = request.Code, DepartmentCode = request.DepartmentCode, Name = name,
                CreatedAt = clock.Now(),
            },
            ToProto, ("unit", u => $"{u.DivisionCode}/{u.Code}"), u => new UnitRegistered(u.DivisionCode, u.Code, u.DepartmentCode, u.Name, 1),
            caller.Subject, context.CancellationToken);
    }

    public override async Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context)
    {
        new Violations()
            .DivisionCode(request.DivisionCode)
            .DepartmentCode(request.DepartmentCode, optional: true)
            .ThrowIfAny();
        var query = db.Units.AsNoTracking().Where(u => u.DivisionCode == request.DivisionCode);
        if (request.DepartmentCode.Length > 0) query = query.Where(u => u.DepartmentCode == request.DepartmentCode);
        var items = await query.OrderBy(u => u.Code).ToListAsync(context.CancellationToken);
        return new ListUnitsResponse { Units = { items.Select(ToProto) } };
    }

    private async Task RequireDivision(string divisionCode, CancellationToken ct)
    {
        if (await db.Divisions.FindAsync([divisionCode], ct) is null)
            throw new FailedPreconditionException($"行政区划 {divisionCode} 尚未登记，请先登记行政区划。",
                [new FieldViolation("division_code", "行政区划尚未登记。")]);
    }

    /// <summary>
    /// Creates a division, department or unit once: what already exists with the same content is answered as stored, with
    /// other content it is a conflict naming <c>code</c>; a new record is saved with its audit entry and its event.
    /// </summary>
    private async Task<TProto> CreateOnceAsync<TEntity, TProto>(
        Func<CancellationToken, ValueTask<TEntity?>> find, Func<TEntity, bool> sameContent, Func<TEntity, string> conflict,
        Func<TEntity> create, Func<TEntity, TProto> toProto, (string Type, Func<TEntity, string> Key) audit,
        Func<TEntity, object> registered, string actor, CancellationToken ct) where TEntity : class
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await find(ct) is { } existing)
                return SameOrConflict(sameContent(existing), toProto(existing), conflict(existing));

            var entity = create();
            db.Add(entity);
            db.Audit(audit.Type, audit.Key(entity), "create", actor, null, toProto(entity), clock);
            db.Publish(registered(entity));
            if (await SavedFirstAsync(attempt, ct)) return toProto(entity);
        }
    }

    /// <summary>
    /// Saves a new record. False when a concurrent request inserted the same key between the caller's look-up and this
    /// insert (a unique violation, on the first attempt only): the caller looks again and answers as the later request
    /// would have, the stored record or a conflict naming the field, instead of a bare "记录已存在".
    /// </summary>
    private async Task<bool> SavedFirstAsync(int attempt, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (attempt == 1 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Creating what already exists with the same content is a no-op answering the stored record.</summary>
    private static T SameOrConflict<T>(bool same, T stored, string conflict, string field = "code") =>
        same ? stored : throw new AlreadyExistsException(conflict, field);

    private static Protos.Registry.V1.Division ToProto(DivisionEntity d) => new() { Code = d.Code, Name = d.Name };

    private static Protos.Registry.V1.Department ToProto(DepartmentEntity d) =>
        new() { DivisionCode = d.DivisionCode, Code = d.Code, Name = d.Name };

    private static Protos.Registry.V1.Unit ToProto(UnitEntity u) =>
        new() { DivisionCode = u.DivisionCode, Code = u.Code, DepartmentCode = u.DepartmentCode, Name = u.Name };
}
