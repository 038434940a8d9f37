using PerfPlatform.Contracts;
using PerfPlatform.Protos.Common.V1;

namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>Collects field violations so a request reports all its problems at once.</summary>
public sealed class Violations
{
    private readonly List<FieldViolation> _items = [];

    public bool Any => _items.Count > 0;
    public IReadOnlyList<FieldViolation> Items => _items;

    public Violations Add(string field, string description)
    {
        _items.Add(new FieldViolation(field, description));
        return this;
    }

    public Violations When(bool failed, string field, string description) => failed ? Add(field, description) : this;

    // The rules below build their message only when they fail: a 50,000-row batch passes them all for every row.
    public Violations Required(string? value, string field, string label) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, $"{label}不能为空。") : this;

    public Violations MaxLength(string? value, int max, string field, string label) =>
        value is not null && value.Length > max ? Add(field, $"{label}不能超过 {max} 个字符（现为 {value.Length} 个）。") : this;

    /// <summary>
    /// An amount in fen, at most <see cref="Money.MaxFen"/>; not negative unless it may be a <paramref name="reversal"/>,
    /// and then not below −<see cref="Money.MaxFen"/>.
    /// </summary>
    public Violations Amount(long fen, string field, string label, bool reversal = false) =>
        fen < 0 && !reversal
            ? Add(field, $"{label}不能为负数。")
            : fen is > Money.MaxFen or < -Money.MaxFen
                ? Add(field, $"{label}超出允许范围：金额{(reversal ? "（绝对值）" : "")}不能超过 {Money.FormatYuanGrouped(Money.MaxFen)} 元。")
                : this;

    /// <summary>A list's page.page_size: 0 asks for the list's default, above <paramref name="max"/> is refused.</summary>
    public Violations PageSize(int pageSize, int max, string field = "page") =>
        pageSize < 0 || pageSize > max ? Add($"{field}.page_size", $"每页条数应在 1 至 {max} 之间。") : this;

    /// <summary>
    /// A list's page (the request's <paramref name="field"/>): its size as <see cref="PageSize"/> checks it (0 takes
    /// <paramref name="defaultSize"/>) and its token as the list's own rule accepts it.
    /// </summary>
    public Violations Page(PageRequest? page, int max, int defaultSize, Func<string, bool> tokenIsValid, out PageAsked asked, string field = "page")
    {
        var size = page?.PageSize ?? 0;
        var token = page?.PageToken ?? "";
        asked = new PageAsked(size == 0 ? defaultSize : size, token);
        return PageSize(size, max, field)
            .When(token.Length > 0 && !tokenIsValid(token), $"{field}.page_token", "分页标记无效，请从第一页重新查询。");
    }

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(_items.ToList());
    }
}
