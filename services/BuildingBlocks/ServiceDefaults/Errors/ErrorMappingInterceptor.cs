using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Status = Google.Rpc.Status;

namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>
/// The one place where failures become gRPC statuses (REST gets the same through JSON transcoding):
/// domain errors keep their meaning and field violations; a database's or a broker's failure is first put in the domain's
/// terms by the <see cref="IErrorTranslator"/>s its project registers; anything unexpected is INTERNAL without internals.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger, IEnumerable<IErrorTranslator> translators)
    : Interceptor
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
        var status = ToStatus(e, translators);
        if (status.Code == (int)Code.Internal)
            logger.LogError(e, "Unhandled error in {Method}", context.Method);
        else if (status.Code is (int)Code.Unavailable or (int)Code.Aborted)
            logger.LogWarning(e, "{Method} failed: {Message}", context.Method, status.Message);
        return status.ToRpcException();
    }

    public static Status ToStatus(Exception e, IEnumerable<IErrorTranslator>? translators = null) =>
        (e is DomainException ? e : translators?.Select(t => t.Translate(e)).FirstOrDefault(d => d is not null) ?? e) switch
        {
            ValidationFailedException v => WithViolations(Code.InvalidArgument, v.Message, v.Violations),
            NotFoundException n => Plain(Code.NotFound, n.Message),
            AlreadyExistsException { Field: { } field } a => WithViolations(Code.AlreadyExists, a.Message, [new FieldViolation(field, a.Message)]),
            AlreadyExistsException a => Plain(Code.AlreadyExists, a.Message),
            PermissionDeniedException p => Plain(Code.PermissionDenied, p.Message),
            FailedPreconditionException f => WithPreconditions(f),
            ConcurrencyConflictException c => Plain(Code.Aborted, c.Message),
            UnavailableException u => Plain(Code.Unavailable, u.Message),
            OperationCanceledException => Plain(Code.Cancelled, "请求已取消。"),
            _ => Plain(Code.Internal, "服务内部错误，请联系管理员。"),
        };

    // A status travels in HTTP/2 headers (grpc-message percent-encoded, nine bytes a Chinese character; the details
    // base64-encoded in grpc-status-details-bin), and a client or proxy refuses a header block over 64 KB, failing every
    // call on that connection with it. Whatever the exception says, a status stays under about 30 KB: its message, each
    // violation and all violations together are bounded, the rest counted in the message.
    public const int MaxMessage = 1_000;
    public const int MaxDescription = 1_000;
    public const int MaxField = 200;
    public const int MaxViolationText = 4_000;

    private static Status Plain(Code code, string message) => new() { Code = (int)code, Message = Bounded(message, MaxMessage) };

    private static Status WithViolations(Code code, string message, IReadOnlyList<FieldViolation> violations)
    {
        var kept = Within(violations);
        var bad = new BadRequest();
        bad.FieldViolations.AddRange(kept.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return new Status { Code = (int)code, Message = WithCount(message, kept.Count, violations.Count), Details = { Any.Pack(bad) } };
    }

    private static Status WithPreconditions(FailedPreconditionException f)
    {
        var kept = Within(f.Violations);
        var status = new Status { Code = (int)Code.FailedPrecondition, Message = WithCount(f.Message, kept.Count, f.Violations.Count) };
        if (kept.Count > 0)
        {
            var failure = new PreconditionFailure();
            failure.Violations.AddRange(kept.Select(v =>
                new PreconditionFailure.Types.Violation { Type = "RULE", Subject = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(failure));
        }
        return status;
    }

    /// <summary>The first violations, each bounded, as long as their text together stays within the budget (one at least).</summary>
    private static List<FieldViolation> Within(IReadOnlyList<FieldViolation> violations)
    {
        var kept = new List<FieldViolation>();
        var used = 0;
        foreach (var v in violations)
        {
            var bounded = new FieldViolation(Bounded(v.Field, MaxField), Bounded(v.Description, MaxDescription));
            used += bounded.Field.Length + bounded.Description.Length;
            if (kept.Count > 0 && used > MaxViolationText) break;
            kept.Add(bounded);
        }
        return kept;
    }

    private static string WithCount(string message, int kept, int all) =>
        Bounded(message, MaxMessage) + (kept < all ? $"（共 {all} 项问题，只列出前 {kept} 项）" : "");

    private static string Bounded(string text, int max) => text.Length <= max ? text : Quote.Cut(text, max - 1) + "…";
}
