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

    public Violations Required(string? value, string field, string label) =>
        When(string.IsNullOrWhiteSpace(value), field, $"{label}不能为空。");

    public Violations MaxLength(string? value, int max, string field, string label) =>
        When(value is not null && value.Length > max, field, $"{label}不能超过 {max} 个字符（现为 {value?.Length} 个）。");

    /// <summary>A list's page.page_size: 0 asks for the list's default, above <paramref name="max"/> is refused.</summary>
    public Violations PageSize(int pageSize, int max) =>
        When(pageSize < 0 || pageSize > max, "page.page_size", $"每页条数应在 1 至 {max} 之间。");

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(_items.ToList());
    }
}
