using System.Collections;

namespace PerfPlatform.Documents.Model;

/// <summary>An immutable list that compares by its items, so that two documents with the same cells are equal.</summary>
public sealed class ValueList<T>(IEnumerable<T> items) : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items = items.ToArray();

    public static readonly ValueList<T> Empty = new([]);

    public T this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(ValueList<T>? other) => other is not null && _items.SequenceEqual(other._items);
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);
    public override int GetHashCode() => _items.Aggregate(_items.Length, (h, x) => HashCode.Combine(h, x));
    public override string ToString() => $"[{string.Join(", ", _items)}]";
}

public static class ValueList
{
    public static ValueList<T> Of<T>(IEnumerable<T> items) => new(items);
}
