using PerfPlatform.Documents.Reading;

namespace PerfPlatform.Gateway.Imports;

/// <summary>
/// The query of POST /v1/imports, perfctl import's flags by name: dryRun, skipInvalid, encoding, divisionName,
/// departmentName. A name it does not know is refused (a misspelt dryRun must not import for real).
/// </summary>
public sealed record ImportQuery(bool DryRun, bool SkipInvalid, string? Encoding, string? DivisionName, string? DepartmentName)
{
    private static readonly string[] Names = ["dryRun", "skipInvalid", "encoding", "divisionName", "departmentName"];

    public static ImportQuery Of(IQueryCollection query)
    {
        foreach (var key in query.Keys)
            if (!Names.Contains(key, StringComparer.Ordinal))
                throw new UploadRefusedException(key, $"不认识的查询参数「{key}」。可用：{string.Join("、", Names)}。");
        var encoding = Text(query, "encoding", 40);
        if (encoding is not null && !TextDecoding.Knows(encoding))
            throw new UploadRefusedException("encoding", $"不认识的编码「{encoding}」。可用：UTF-8、UTF-16、GB18030（含 GBK、GB2312）。");
        return new ImportQuery(Flag(query, "dryRun"), Flag(query, "skipInvalid"), encoding, Text(query, "divisionName", 50), Text(query, "departmentName", 100));
    }

    private static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        if (values.Count > 1) throw new UploadRefusedException(name, $"查询参数 {name} 只能给一次。");
        return values.Count == 0 ? null : values[0];
    }

    private static bool Flag(IQueryCollection query, string name) => Single(query, name) switch
    {
        null => false,
        var v when bool.TryParse(v, out var flag) => flag,
        var v => throw new UploadRefusedException(name, $"{name} 应为 true 或 false，收到「{Clip(v)}」。"),
    };

    private static string? Text(IQueryCollection query, string name, int maxLength)
    {
        var value = Single(query, name)?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > maxLength) throw new UploadRefusedException(name, $"{name} 不能超过 {maxLength} 个字符。");
        if (!IsClean(value))
            throw new UploadRefusedException(name, $"{name} 含有控制字符或无效字符。");
        return value;
    }

    /// <summary>No control characters and no lone UTF-16 surrogates.</summary>
    private static bool IsClean(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i])) return false;
            if (char.IsSurrogatePair(value, i)) i++;
            else if (char.IsSurrogate(value[i])) return false;
        }
        return true;
    }

    private static string Clip(string value) => value.Length > 20 ? value[..20] + "…" : value;
}
