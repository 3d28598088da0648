using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Witn.Domain.Common;

/// <summary>
/// An immutable array with structural equality, so records that hold lists compare by content
/// (ImmutableArray compares by reference). Serialises as a plain JSON array.
/// </summary>
[CollectionBuilder(typeof(ValueArray), nameof(ValueArray.Create))]
[JsonConverter(typeof(ValueArrayJsonConverterFactory))]
public readonly struct ValueArray<T> : IReadOnlyList<T>, IEquatable<ValueArray<T>>
{
    private readonly T[]? _items;

    public ValueArray(IEnumerable<T> items) => _items = items is T[] array ? (T[])array.Clone() : items.ToArray();

    internal ValueArray(T[] items, bool _) => _items = items;

    public static ValueArray<T> Empty => default;

    public int Count => _items?.Length ?? 0;

    public bool IsEmpty => Count == 0;

    public T this[int index] => (_items ?? [])[index];

    public ReadOnlySpan<T> AsSpan() => _items;

    public ImmutableArray<T> ToImmutableArray() => _items is null ? [] : [.. _items];

    public bool Equals(ValueArray<T> other)
    {
        var a = AsSpan();
        var b = other.AsSpan();
        if (a.Length != b.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is ValueArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(ValueArray<T> left, ValueArray<T> right) => left.Equals(right);

    public static bool operator !=(ValueArray<T> left, ValueArray<T> right) => !left.Equals(right);

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", AsSpan().ToArray()) + "]";
}
