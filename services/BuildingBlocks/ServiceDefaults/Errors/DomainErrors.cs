namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>A field of the request and what is wrong with it, in Chinese for the official who filed it.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>Errors the domain raises; <see cref="ErrorMappingInterceptor"/> turns each into its gRPC status.</summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>INVALID_ARGUMENT with google.rpc.BadRequest field violations.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldViolation> violations)
    : DomainException("请求参数有误：" + string.Join("；", violations.Select(v => $"{v.Field}：{v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    public ValidationFailedException(string field, string description) : this([new FieldViolation(field, description)]) { }
}

public sealed class NotFoundException(string message) : DomainException(message);

/// <summary>ALREADY_EXISTS, naming the request field whose value is taken (as a google.rpc.BadRequest violation).</summary>
public sealed class AlreadyExistsException(string message, string? field = null) : DomainException(message)
{
    public string? Field { get; } = field;
}

public sealed class PermissionDeniedException(string message) : DomainException(message);

/// <summary>FAILED_PRECONDITION: the request is well-formed but the state does not allow it (workflow, limits).</summary>
public sealed class FailedPreconditionException(string message, IReadOnlyList<FieldViolation>? violations = null)
    : DomainException(message)
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations ?? [];
}

/// <summary>ABORTED: the change was based on a version that is no longer current.</summary>
public sealed class ConcurrencyConflictException(string message) : DomainException(message);

/// <summary>UNAVAILABLE: a dependency (the database) cannot answer now; the same request may succeed on retry.</summary>
public sealed class UnavailableException(string message) : DomainException(message);
