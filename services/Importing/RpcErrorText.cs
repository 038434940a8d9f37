using Google.Rpc;
using Grpc.Core;

namespace PerfPlatform.Importing;

/// <summary>An RPC failure as an official should read it: what kind of refusal, the message, and each field violation.</summary>
public static class RpcErrorText
{
    public static string Describe(RpcException e)
    {
        var lines = new List<string> { $"{Label(e.StatusCode)}：{e.Status.Detail}" };
        var bad = e.GetRpcStatus()?.GetDetail<BadRequest>();
        if (bad is not null) lines.AddRange(bad.FieldViolations.Select(v => $"  - {v.Field}：{v.Description}"));
        var precondition = e.GetRpcStatus()?.GetDetail<PreconditionFailure>();
        if (precondition is not null) lines.AddRange(precondition.Violations.Select(v => $"  - {v.Subject}：{v.Description}"));
        return string.Join(Environment.NewLine, lines);
    }

    public static string Label(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => "参数错误",
        StatusCode.NotFound => "未找到",
        StatusCode.AlreadyExists => "已存在",
        StatusCode.PermissionDenied => "无权限",
        StatusCode.Unauthenticated => "未认证（令牌无效或已过期）",
        StatusCode.FailedPrecondition => "不满足条件",
        StatusCode.Aborted => "并发冲突",
        StatusCode.ResourceExhausted => "超出限制",
        StatusCode.Unavailable => "服务不可用（平台是否已启动？）",
        StatusCode.DeadlineExceeded => "请求超时",
        _ => "请求失败",
    };
}
