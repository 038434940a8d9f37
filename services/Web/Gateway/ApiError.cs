using Google.Rpc;
using Grpc.Core;

namespace PerfPlatform.Web.Gateway;

/// <summary>What the API answered to a refused call, in the user's words: its message and the fields it named.</summary>
public sealed record ApiError(StatusCode Code, string Message, IReadOnlyDictionary<string, string> Fields)
{
    public static ApiError From(RpcException e)
    {
        var fields = new Dictionary<string, string>();
        var status = e.GetRpcStatus();
        if (status?.GetDetail<BadRequest>() is { } bad)
            foreach (var v in bad.FieldViolations)
                fields[v.Field] = fields.TryGetValue(v.Field, out var before) ? Sentences([before, v.Description]) : v.Description;
        var message = e.StatusCode switch
        {
            StatusCode.Unavailable => "暂时无法连接平台，请稍后重试。",
            StatusCode.DeadlineExceeded => "平台响应超时，请稍后重试。",
            StatusCode.Unauthenticated => "登录已过期，请重新登录。",
            _ => string.IsNullOrWhiteSpace(e.Status.Detail) ? "操作未成功。" : e.Status.Detail,
        };
        return new ApiError(e.StatusCode, message, fields);
    }

    public bool IsConflict => Code == StatusCode.Aborted;
    public bool IsSessionOver => Code == StatusCode.Unauthenticated;

    public string? Field(string name) => Fields.TryGetValue(name, out var text) ? text : null;

    /// <summary>The message with every field violation appended, for a single alert.</summary>
    public string FullText => Fields.Count == 0 ? Message : $"{Message} {Sentences(Fields.Values)}";

    /// <summary>
    /// Messages read one after another: a sentence that ends (。！？) is followed as it is, a clause by "；", so two
    /// refusals read 「…不能下降。「12月底」…」 rather than 「…不能下降。；…」.
    /// </summary>
    public static string Sentences(IEnumerable<string> parts)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in parts.Where(p => p.Length > 0))
        {
            if (text.Length > 0 && !"。！？；".Contains(text[^1])) text.Append('；');
            text.Append(part);
        }
        return text.ToString();
    }
}
