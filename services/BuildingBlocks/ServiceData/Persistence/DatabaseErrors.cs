using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfPlatform.ServiceDefaults.Errors;

namespace PerfPlatform.ServiceDefaults.Persistence;

/// <summary>PostgreSQL's and EF Core's failures in the domain's terms; an unknown SQL state stays unknown (INTERNAL).</summary>
public sealed class DatabaseErrors : IErrorTranslator
{
    public DomainException? Translate(Exception e) => e switch
    {
        DbUpdateConcurrencyException => new ConcurrencyConflictException("数据已被他人修改，请刷新后重试。"),
        DbUpdateException { InnerException: PostgresException pg } => FromPostgres(pg),
        PostgresException pg => FromPostgres(pg),
        NpgsqlException or TimeoutException => new UnavailableException("数据库暂时不可用，请稍后重试。"),
        _ => null,
    };

    private static DomainException? FromPostgres(PostgresException pg) => pg.SqlState switch
    {
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
            new ValidationFailedException("body", "含有无法保存的字符（如空字符）。"),
        PostgresErrorCodes.UniqueViolation => new AlreadyExistsException("记录已存在。"),
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => new ConcurrencyConflictException("并发冲突，请重试。"),
        _ => null,
    };
}
