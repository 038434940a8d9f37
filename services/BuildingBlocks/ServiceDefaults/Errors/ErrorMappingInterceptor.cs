using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Status = Google.Rpc.Status;

namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>
/// The one place where failures become gRPC statuses (REST gets the same through JSON transcoding):
/// domain errors keep their meaning and field violations; anything unexpected is INTERNAL without internals.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request,
        ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            if (request is Google.Protobuf.IMessage message) TextInputCheck.Check(message);
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException) { throw Map(e, context); }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(requestStream, context); }
        catch (Exception e) when (e is not RpcException) { throw Map(e, context); }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (Exception e) when (e is not RpcException) { throw Map(e, context); }
    }

    private RpcException Map(Exception e, ServerCallContext context)
    {
        var status = ToStatus(e);
        if (status.Code == (int)Code.Internal)
            logger.LogError(e, "Unhandled error in {Method}", context.Method);
        else if (status.Code is (int)Code.Unavailable or (int)Code.Aborted)
            logger.LogWarning(e, "{Method} failed: {Message}", context.Method, status.Message);
        return status.ToRpcException();
    }

    public static Status ToStatus(Exception e) => e switch
    {
        ValidationFailedException v => WithViolations(Code.InvalidArgument, v.Message, v.Violations),
        NotFoundException => new Status { Code = (int)Code.NotFound, Message = e.Message },
        AlreadyExistsException { Field: { } field } => WithViolations(Code.AlreadyExists, e.Message, [new FieldViolation(field, e.Message)]),
        AlreadyExistsException => new Status { Code = (int)Code.AlreadyExists, Message = e.Message },
        PermissionDeniedException => new Status { Code = (int)Code.PermissionDenied, Message = e.Message },
        FailedPreconditionException f => WithPreconditions(f),
        ConcurrencyConflictException => new Status { Code = (int)Code.Aborted, Message = e.Message },
        ResourceExhaustedException => new Status { Code = (int)Code.ResourceExhausted, Message = e.Message },
        DbUpdateConcurrencyException => new Status { Code = (int)Code.Aborted, Message = "数据已被他人修改，请刷新后重试。" },
        DbUpdateException { InnerException: PostgresException pg } => FromPostgres(pg),
        PostgresException pg => FromPostgres(pg),
        NpgsqlException or TimeoutException => new Status { Code = (int)Code.Unavailable, Message = "数据库暂时不可用，请稍后重试。" },
        OperationCanceledException => new Status { Code = (int)Code.Cancelled, Message = "请求已取消。" },
        _ => new Status { Code = (int)Code.Internal, Message = "服务内部错误，请联系管理员。" },
    };

    private static Status FromPostgres(PostgresException pg) => pg.SqlState switch
    {
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
            WithViolations(Code.InvalidArgument, "请求中含有无法保存的字符。", [new FieldViolation("body", "含有无法保存的字符（如空字符）。")]),
        PostgresErrorCodes.UniqueViolation => new Status { Code = (int)Code.AlreadyExists, Message = "记录已存在。" },
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
            new Status { Code = (int)Code.Aborted, Message = "并发冲突，请重试。" },
        _ => new Status { Code = (int)Code.Internal, Message = "服务内部错误，请联系管理员。" },
    };

    private static Status WithViolations(Code code, string message, IReadOnlyList<FieldViolation> violations)
    {
        var bad = new BadRequest();
        bad.FieldViolations.AddRange(violations.Select(v =>
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return new Status { Code = (int)code, Message = message, Details = { Any.Pack(bad) } };
    }

    private static Status WithPreconditions(FailedPreconditionException f)
    {
        var status = new Status { Code = (int)Code.FailedPrecondition, Message = f.Message };
        if (f.Violations.Count > 0)
        {
            var failure = new PreconditionFailure();
            failure.Violations.AddRange(f.Violations.Select(v =>
                new PreconditionFailure.Types.Violation { Type = "RULE", Subject = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(failure));
        }
        return status;
    }
}
